/**
 * Every Reply says what became of the request — `ok`, `refused`, `usage` or `error` — decided
 * where the answer is made, never read from how it looks. `koers ask --json` prints it, and
 * `koers ask` exits 1 for anything but `ok`.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { audiencesOf } from '../src/domain/actor.ts';
import { submitForm } from '../src/engine/forms.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { MAX_TEXT_LENGTH } from '../src/engine/router.ts';
import { type Reply, reply } from '../src/reply/reply.ts';
import { findPersonByEmail } from '../src/store/people.ts';
import { koers } from './support/cli.ts';
import {
  askAs,
  DEMO_NOW,
  freshDemoEnv,
  freshDemoEnvAndStore,
  freshDemoStore,
  testDialect,
} from './support/demo.ts';
import { arrangeIn } from './support/store-sql.ts';

const jansen = 'm.jansen@koersmeer.example';
const yilmaz = 'f.yilmaz@koersmeer.example';
const sarina = 'sarina.elamrani@leerling.koersmeer.example';
const personas = [jansen, yilmaz, sarina, 'z.bos@koersmeer.example', 't.smit@koersmeer.example'];

/** The cases of each outcome, the same through the router and through `koers ask`. */
const cases: { outcome: Reply['outcome']; what: string; as: string; text: string }[] = [
  { outcome: 'ok', what: 'a card', as: jansen, text: 'leerling sarina' },
  { outcome: 'ok', what: 'help', as: sarina, text: 'help' },
  { outcome: 'refused', what: 'a student outside the scope', as: yilmaz, text: 'leerling sarina' },
  { outcome: 'refused', what: 'a command outside the role', as: sarina, text: 'leerling sarina' },
  { outcome: 'usage', what: 'an unknown command', as: jansen, text: 'lerling sarina' },
  { outcome: 'usage', what: 'a missing argument', as: jansen, text: 'doel nieuw' },
  { outcome: 'usage', what: 'several students to choose from', as: jansen, text: 'leerling visser' },
];

/** Koers failing inside: a table a card reads is gone. The log line goes to a silenced stderr. */
async function withBrokenTable<T>(work: () => Promise<T>): Promise<T> {
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return await work();
  } finally {
    spy.mockRestore();
  }
}

/**
 * Other tables' foreign keys refer to goals: PostgreSQL drops the table only with them (`cascade`),
 * SQLite drops it as it is.
 */
const DROP_GOALS = testDialect === 'postgres' ? 'drop table goals cascade' : 'drop table goals';

const hasErrorText = (r: Reply) => r.blocks.some((b) => b.type === 'text' && b.tone === 'error');

describe('the outcome of a command line', () => {
  it.each(cases)('is $outcome for $what', async ({ outcome, as, text }) => {
    const store = await freshDemoStore();
    expect((await askAs(store, as, text)).outcome).toBe(outcome);
  });

  it('is error for an unexpected failure', async () => {
    const store = await freshDemoStore();
    await arrangeIn(store, 'drop table reflection_goal_progress');
    const answer = await withBrokenTable(() => askAs(store, jansen, 'leerling sarina'));
    expect(answer.outcome).toBe('error');
  });

  it('defaults to ok for a Reply built without one', () => {
    expect(reply.parse({ locale: 'nl', blocks: [] }).outcome).toBe('ok');
  });
});

describe('koers ask', () => {
  const ask = (env: Record<string, string>, as: string, text: string) =>
    koers(['ask', '--now', DEMO_NOW.toISOString(), '--as', as, text, '--json'], env);

  it.each(cases)('prints $outcome for $what, and exits 1 unless ok', async ({ outcome, as, text }) => {
    const { env } = await freshDemoEnv();
    const { code, out } = await ask(env, as, text);
    expect(reply.parse(JSON.parse(out)).outcome).toBe(outcome);
    expect(code).toBe(outcome === 'ok' ? 0 : 1);
  });

  it('prints error for an unexpected failure, and exits 1', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    await arrangeIn(store, 'drop table reflection_goal_progress');
    const { code, out } = await withBrokenTable(() => ask(env, jansen, 'leerling sarina'));
    expect(JSON.parse(out)).toMatchObject({ outcome: 'error' });
    expect(code).toBe(1);
  });
});

describe('a form submission', () => {
  // A form's button carries the student by address, as `withStudent` writes it.
  const submit = async (as: string, values: Record<string, string>, naam = sarina, sql = '') => {
    const store = await freshDemoStore();
    if (sql) await arrangeIn(store, sql);
    const actor = await findPersonByEmail(store, as);
    if (!actor) throw new Error(`no demo person ${as}`);
    return submitForm(await loadCommands(), {
      store,
      actor,
      channel: 'cli',
      now: DEMO_NOW,
      formId: 'doelen.nieuw',
      payload: { naam },
      values,
    });
  };

  it('is done when the action answers ok', async () => {
    const submission = await submit(jansen, { titel: 'Plannen', categorie: 'leerstrategie' });
    expect(submission).toMatchObject({ kind: 'done', reply: { outcome: 'ok' } });
  });

  it('is invalid with field errors when a field is wrong', async () => {
    const submission = await submit(jansen, { categorie: 'leerstrategie' });
    expect(submission.kind).toBe('invalid');
    expect(submission.kind === 'invalid' && Object.keys(submission.errors)).toEqual(['titel']);
  });

  it('is refused, with the refusal as the general field error, when the action refuses', async () => {
    const submission = await submit(yilmaz, { titel: 'Plannen', categorie: 'leerstrategie' });
    expect(submission).toMatchObject({ kind: 'refused', reply: { outcome: 'refused' } });
    expect(submission.kind === 'refused' && submission.errors).toEqual({
      '': 'Je hebt geen toegang tot deze leerling of de leerling bestaat niet.',
    });
  });

  it('is refused, with the error id as the general field error, when Koers fails', async () => {
    const submission = await withBrokenTable(() =>
      submit(jansen, { titel: 'Plannen', categorie: 'leerstrategie' }, sarina, DROP_GOALS),
    );
    expect(submission).toMatchObject({ kind: 'refused', reply: { outcome: 'error' } });
    expect(submission.kind === 'refused' && submission.errors['']).toMatch(/[0-9a-f]{8}$/);
  });

  it('is done with a list to choose from when the name fits several students', async () => {
    const submission = await submit(jansen, { titel: 'Plannen', categorie: 'leerstrategie' }, 'visser');
    expect(submission).toMatchObject({ kind: 'done', reply: { outcome: 'usage' } });
  });
});

describe('the outcome over the router', () => {
  it('is usage for any word that is no command', async () => {
    const store = await freshDemoStore();
    const commands = await loadCommands();
    const known = new Set(['koers', ...commands.flatMap((c) => [c.name, ...c.aliases])]);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...personas),
        fc.stringMatching(/^[a-z]{1,12}$/).filter((word) => !known.has(word)),
        fc.string({ maxLength: 20 }),
        async (email, word, rest) => {
          expect((await askAs(store, email, `${word} ${rest}`)).outcome).toBe('usage');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is refused for a command outside the role, whatever follows it', async () => {
    const store = await freshDemoStore();
    const commands = await loadCommands();
    const actor = await findPersonByEmail(store, sarina);
    if (!actor) throw new Error('no Sarina');
    const mine = audiencesOf(actor);
    const notHers = commands
      .filter((c) => c.actions.every((a) => !a.who.some((w) => mine.includes(w))))
      .map((c) => c.name);
    expect(notHers.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...notHers),
        fc.array(fc.stringMatching(/^[a-z0-9-]{1,10}$/), { maxLength: 4 }),
        async (command, words) => {
          expect((await askAs(store, sarina, [command, ...words].join(' '))).outcome).toBe('refused');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is refused for a line that is too long', async () => {
    const store = await freshDemoStore();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...personas),
        fc.string({ minLength: MAX_TEXT_LENGTH + 1, maxLength: MAX_TEXT_LENGTH + 50 }),
        async (email, text) => {
          expect((await askAs(store, email, text)).outcome).toBe('refused');
        },
      ),
      { numRuns: 20 },
    );
  });

  it('is ok exactly when nothing is said in the error tone, but for a list to choose from', async () => {
    const store = await freshDemoStore();
    const commands = await loadCommands();
    const words = commands.flatMap((c) => [c.name, ...c.aliases, ...c.actions.flatMap((a) => a.words ?? [])]);
    const piece = fc.oneof(
      fc.constantFrom(...words),
      fc.constantFrom('sarina', 'visser', 'daan', '"een titel"', '15 december', '#2', '2', '--tot'),
      fc.string({ maxLength: 10 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...personas),
        fc.array(piece, { maxLength: 6 }),
        async (email, pieces) => {
          const answer = await askAs(store, email, pieces.join(' '));
          if (answer.outcome === 'ok') expect(hasErrorText(answer)).toBe(false);
          else if (!hasErrorText(answer)) {
            // The one answer that is not ok without an error: several students, the asker chooses.
            expect(answer.outcome).toBe('usage');
            expect(answer.blocks.some((b) => b.type === 'list')).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
