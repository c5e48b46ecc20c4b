/** `leerling <naam>`: the pathway card of one student (PRODUCT.md 2.1). */
import { z } from 'zod';
import { staffAudiencesFor } from '../src/domain/access.ts';
import { arg } from '../src/engine/arguments.ts';
import { action, command } from '../src/engine/command.ts';
import { pathwayCard } from '../src/views/pathway-card.ts';

export default command({
  name: 'leerling',
  aliases: ['student'],
  narrowSummary: { without: 'seeWellbeing', key: 'help.narrow.leerling' },
  actions: [
    action({
      name: 'main',
      // Staff look a student up; a student sees their own pathway with `pad`.
      who: staffAudiencesFor('seePathway'),
      positionals: [{ key: 'naam', rest: true }],
      args: z.object({ naam: arg.student() }),
      run: async (context, { naam }) => {
        const found = await context.findStudent(naam, 'seePathway', (reference) => `leerling ${reference}`);
        return found.ok ? pathwayCard(context, found.student) : found.reply;
      },
    }),
  ],
});
