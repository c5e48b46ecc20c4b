/**
 * Help and hints offer only what this person may do, and one policy answers every teacher the
 * same way. Tried as the demo personas would, in Dutch and English.
 */
import { describe, expect, it } from 'vitest';
import { loadCommands } from '../src/engine/registry.ts';
import { translate } from '../src/i18n/translate.ts';
import type { Reply } from '../src/reply/reply.ts';
import { askAs, errorsOf, freshDemoStore, visibleText } from './support/demo.ts';
import { demoPersonas } from './support/demo-walk.ts';
import { rows } from './support/store-sql.ts';

const sarina = 'sarina.elamrani@leerling.koersmeer.example';
const milan = 'milan.peters@leerling.koersmeer.example';
const daan = 'daan.visser@leerling.koersmeer.example';
const jansen = 'm.jansen@koersmeer.example';
const devries = 'p.devries@koersmeer.example';
const benali = 'a.benali@koersmeer.example';
const smit = 't.smit@koersmeer.example';
const beheer = 'beheer@koersmeer.example';

const texts = (reply: Reply) => reply.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
const roleRefusal = (command: string) => translate('nl', 'access.commandNotForYou', { command });

describe('one policy for every subject teacher', () => {
  it('gives a teacher who is also a mentor elsewhere and one who is not the same goals of a student both teach', async () => {
    const store = await freshDemoStore();
    const asMentorElsewhere = await askAs(store, devries, `doelen ${sarina}`);
    const asTeacherOnly = await askAs(store, benali, `doelen ${sarina}`);
    expect(errorsOf(asTeacherOnly)).toEqual([]);
    expect(asTeacherOnly).toEqual(asMentorElsewhere);
  });

  it('lets both list the arrangements of a student they teach, and neither change them', async () => {
    const store = await freshDemoStore();
    const [{ id }] = (await rows<{ id: number }>(
      store,
      "select a.id from arrangements a join students s on s.id = a.student_id where s.email = ? and a.status = 'lopend' order by a.id",
      [milan],
    )) as [{ id: number }];
    for (const teacher of [jansen, benali]) {
      expect(errorsOf(await askAs(store, teacher, `arrangement ${milan}`))).toEqual([]);
      const evaluated = await askAs(
        store,
        teacher,
        `arrangement evalueer ${id} --besluit verlengen --doelen ja`,
      );
      expect(errorsOf(evaluated)).toHaveLength(1);
    }
  });

  it('asks a role that manages no arrangements which student it means, instead of listing none', async () => {
    const store = await freshDemoStore();
    expect(errorsOf(await askAs(store, benali, 'arrangement'))).toEqual([
      translate('nl', 'lookup.whichStudent'),
    ]);
  });

  it('lets a subject teacher list which students have a signal, without buttons to act on one', async () => {
    const store = await freshDemoStore();
    const answer = await askAs(store, benali, 'signalen');
    expect(errorsOf(answer)).toEqual([]);
    expect(answer.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(errorsOf(await askAs(store, benali, 'signalen gezien 1'))).toEqual([
      roleRefusal('signalen gezien'),
    ]);
  });
});

describe('a hint after a list is offered only to who may act on it', () => {
  const goalHint = translate('nl', 'goal.hint');
  const arrangementHint = translate('nl', 'arrangement.hint');
  const cases = demoPersonas
    .filter((email) => email !== beheer)
    .flatMap((email) => [sarina, milan, daan].map((student) => [email, student] as const));

  it.each(cases)('%s about %s: the goal hint ⇔ adding a goal works', async (email, student) => {
    const store = await freshDemoStore();
    const list = await askAs(store, email, `doelen ${student}`);
    const added = await askAs(store, email, `doel nieuw ${student} "Elke week plannen" --categorie talent`);
    expect(texts(list).includes(goalHint)).toBe(errorsOf(added).length === 0);
  });

  it.each(cases)('%s about %s: the arrangement hint ⇔ proposing works', async (email, student) => {
    const store = await freshDemoStore();
    const list = await askAs(store, email, `arrangement ${student}`);
    const proposed = await askAs(
      store,
      email,
      `arrangement voorstel ${student} --strategie verrijken --vorm plusklas --niveau 2`,
    );
    expect(texts(list).includes(arrangementHint)).toBe(errorsOf(proposed).length === 0);
  });
});

describe('help is true for this person', () => {
  it('does not promise wellbeing on the card to a subject teacher, and does to a mentor', async () => {
    const store = await freshDemoStore();
    for (const line of ['help', 'help leerling']) {
      expect(visibleText(await askAs(store, benali, line))).not.toMatch(/welbevinden/i);
      expect(visibleText(await askAs(store, benali, line, { locale: 'en' }))).not.toMatch(/wellbeing/i);
      expect(visibleText(await askAs(store, jansen, line))).toMatch(/welbevinden/i);
    }
  });

  it('does not say a team leader can resolve or escalate signals, or add goals', async () => {
    const store = await freshDemoStore();
    const help = visibleText(await askAs(store, smit, 'help'));
    expect(help).not.toContain(translate('nl', 'commands.signalen.summary'));
    expect(help).not.toContain(translate('nl', 'commands.doelen.summary'));
  });

  it('suggests help for a command the person can use, not help doelen to an administrator', async () => {
    const store = await freshDemoStore();
    const help = texts(await askAs(store, beheer, 'help'));
    expect(help.join('\n')).not.toContain('help doelen');
  });

  it('suggests no command outside the role for a typo', async () => {
    const store = await freshDemoStore();
    const reply = await askAs(store, sarina, 'leerlin daan');
    expect(visibleText(reply)).not.toContain(
      translate('nl', 'router.didYouMean', { suggestion: 'leerling' }),
    );
  });

  /** Every `help <command>` and example the help offers, run as the person: none is refused for the role. */
  it.each(demoPersonas.flatMap((email) => (['nl', 'en'] as const).map((locale) => [email, locale] as const)))(
    '%s (%s): every help line and example leads to a command the role may run',
    async (email, locale) => {
      const store = await freshDemoStore();
      const commands = await loadCommands();
      const overview = await askAs(store, email, 'help', { locale });
      const suggested = [
        ...texts(overview)
          .join('\n')
          .matchAll(/help (\w+)/g),
      ].map((m) => m[1] ?? '');
      const listed = commands.filter((c) => visibleText(overview).includes(`${c.name} (`));
      const roleRefusal =
        translate(locale, 'access.commandNotForYou', { command: '\u0000' }).split('\u0000')[0] ?? '';
      for (const name of [...suggested, ...listed.map((c) => c.name)]) {
        const detail = await askAs(store, email, `help ${name}`, { locale });
        expect(errorsOf(detail), `help ${name}`).toEqual([]);
        const examples = texts(detail)
          .map((text) => /^(?:Voorbeeld|Example): (.*)$/.exec(text)?.[1])
          .filter((example): example is string => example !== undefined);
        for (const example of examples) {
          const answer = await askAs(store, email, example, { locale });
          const refusedForRole = errorsOf(answer).some((e) => e.startsWith(roleRefusal));
          expect(refusedForRole, `${email}: ${example}`).toBe(false);
        }
      }
    },
  );
});
