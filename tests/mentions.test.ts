/** A platform mention names a student as surely as an email address, within the asker's scope. */
import { describe, expect, it } from 'vitest';
import { loadCommands } from '../src/engine/registry.ts';
import { route } from '../src/engine/router.ts';
import { findPersonByEmail } from '../src/store/people.ts';
import { DEMO_NOW, errorsOf, freshDemoStore } from './support/demo.ts';
import { arrangeIn } from './support/store-sql.ts';

async function askInSlack(email: string, text: string) {
  const store = await freshDemoStore();
  await arrangeIn(
    store,
    `insert into platform_identities (platform, workspace_id, user_id, person_kind, student_id, linked_at)
     values ('slack', 'T0KOERS', 'U0SARINA', 'student', 1, '2026-11-01T08:00:00.000Z')`,
  );
  const actor = await findPersonByEmail(store, email);
  if (!actor) throw new Error(email);
  return route(await loadCommands(), {
    store,
    actor,
    text,
    channel: 'slack',
    platform: { platform: 'slack', workspaceId: 'T0KOERS' },
    now: DEMO_NOW,
  });
}

describe('mentions', () => {
  it('a Slack mention finds the linked student', async () => {
    const answer = await askInSlack('m.jansen@koersmeer.example', '/koers leerling <@U0SARINA|sarina>');
    expect(answer.blocks[0]).toEqual({ type: 'header', text: 'Sarina El Amrani' });
  });

  it('a Teams mention without a member id is nobody: a display name is no key', async () => {
    const answer = await askInSlack('m.jansen@koersmeer.example', 'leerling <at>Sarina El Amrani</at>');
    expect(answer.blocks).toEqual([
      {
        type: 'text',
        tone: 'error',
        text: 'Je hebt geen toegang tot deze leerling of de leerling bestaat niet.',
      },
    ]);
  });

  it('a mention outside the scope, or of nobody, is the same refusal', async () => {
    const outside = await askInSlack('f.yilmaz@koersmeer.example', 'leerling <@U0SARINA>');
    const nobody = await askInSlack('f.yilmaz@koersmeer.example', 'leerling <@U0NOBODY>');
    expect(errorsOf(outside)).toEqual([
      'Je hebt geen toegang tot deze leerling of de leerling bestaat niet.',
    ]);
    expect(errorsOf(nobody)).toEqual(errorsOf(outside));
  });
});
