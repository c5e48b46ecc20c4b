/**
 * The same school on both dialects gives the same answers: every demo persona's commands, the
 * signal sweep, the summaries, and a run of writes, on SQLite and on a real PostgreSQL 15
 * (tests/support/postgres.ts). The store code is one; this holds the two databases to one meaning
 * (types, ordering, NULLs, booleans, JSON, ISO weeks, date arithmetic).
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { signalsJob } from '../src/jobs/signals.ts';
import { summariesJob } from '../src/jobs/summaries.ts';
import { weeklyPrompts } from '../src/jobs/weekly-prompts.ts';
import { renderText } from '../src/render/text.ts';
import { demoPersonas } from '../src/seed/demo-school.ts';
import { tableNamesQuery } from '../src/store/dialect-sql.ts';
import { openPostgresStore } from '../src/store/pg-store.ts';
import type { Store } from '../src/store/store.ts';
import { askAs, DEMO_NOW, freshDemo } from './support/demo.ts';
import { freshPostgresDemo, postgresUnavailable } from './support/postgres.ts';

const unavailable = postgresUnavailable();

/** The commands each persona tries; a refusal is an answer too, and must be the same. */
const COMMANDS = [
  'help',
  'mijn',
  'pad',
  'doelen',
  'signalen',
  'samenvatting',
  'samenvatting --periode maand',
  'instellingen',
  'instellingen drempels',
  'leerling daan visser',
  'leerling sarina',
  'leerling noor',
  'leerling yara',
  'leerling lucas',
  'pad daan',
  'doelen sarina',
  'arrangement',
  'caseload',
  'signalen daan visser',
];

/** Writes of several kinds, by the people allowed to make them, in order. */
const WRITES: [string, string][] = [
  ['m.jansen@koersmeer.example', 'gesprek daan visser --soort coachgesprek'],
  ['z.bos@koersmeer.example', 'signalen gezien 1'],
  ['z.bos@koersmeer.example', 'arrangement evalueer 1 --besluit verlengen --doelen deels'],
  ['beheer@koersmeer.example', 'instellingen drempels te-weinig-uitdaging aantal 2'],
  ['beheer@koersmeer.example', 'instellingen drempels welbevinden daalt daling 1,5 recent 4'],
];

async function bothSchools(): Promise<[Store, Store]> {
  const sqlite = (await freshDemo()).store;
  const { url } = await freshPostgresDemo();
  const { store: postgres } = await openPostgresStore(url, { maxConnections: 4 });
  onClose.push(postgres);
  return [sqlite, postgres];
}
const onClose: Store[] = [];

async function answers(store: Store, lines: readonly string[], now = DEMO_NOW): Promise<string[]> {
  const out: string[] = [];
  for (const email of demoPersonas.slice(0, 12))
    for (const line of lines) {
      const reply = await askAs(store, email, line, { now });
      out.push(`${email} ${line}\n${reply.outcome}\n${renderText(reply)}`);
    }
  return out;
}

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Amsterdam' });
const jobContext = (store: Store, iso: string) => ({
  store,
  now: at(iso),
  platforms: ['local'] as const,
  senders: [],
});

/** Every table's rows, without ids a sequence chose and in one order, for comparing. */
async function contents(store: Store): Promise<Record<string, string[]>> {
  const tables = (await store.raw.all(tableNamesQuery(store.dialect))).map((row) => String(row.name));
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await store.raw.all(`select * from "${table}"`);
    out[table] = rows.map((row) => JSON.stringify(normalise(row))).sort();
  }
  return out;
}

const today = new Date().toISOString().slice(0, 10);

/**
 * A value as both drivers would agree on it: booleans as 1/0, JSON parsed with its keys sorted
 * (jsonb keeps its own key order), and the wall-clock instants of audit entries (written now,
 * not at the test's moment) as one placeholder.
 */
function normalise(value: unknown): unknown {
  if (value === true) return 1;
  if (value === false) return 0;
  if (typeof value === 'string' && value.startsWith(today)) return '<now>';
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return normalise(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, inner]) => [key, normalise(inner)]),
    );
  return value;
}

describe.skipIf(unavailable)(
  `SQLite and PostgreSQL give the same answers${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    it('to every persona, for every command, after the same morning sweep', async () => {
      const stores = await bothSchools();
      try {
        for (const store of stores) await signalsJob.run(jobContext(store, '2026-11-23T06:30'));
        const [sqlite, postgres] = await Promise.all(stores.map((store) => answers(store, COMMANDS)));
        expect(postgres).toEqual(sqlite);
        // Not a vacuous comparison: the sweep found the demo's stories, and the cards show them.
        expect((sqlite ?? []).join('\n')).toContain('welbevinden daalt');
      } finally {
        for (const store of onClose.splice(0)) await store.close();
      }
    }, 120_000);

    it('after the same writes, prompts and summaries, every table holds the same rows', async () => {
      const stores = await bothSchools();
      try {
        for (const store of stores) {
          await signalsJob.run(jobContext(store, '2026-11-23T06:30'));
          for (const [email, line] of WRITES) {
            const reply = await askAs(store, email, line);
            expect(reply.outcome, `${store.dialect}: ${line}\n${renderText(reply)}`).toBe('ok');
          }
          await weeklyPrompts.run(jobContext(store, '2026-11-27T13:00'));
          await summariesJob.run(jobContext(store, '2026-11-30T08:00'));
        }
        const [sqlite = {}, postgres = {}] = await Promise.all(stores.map(contents));
        expect(Object.keys(postgres)).toEqual(Object.keys(sqlite));
        for (const table of Object.keys(sqlite)) expect(postgres[table], table).toEqual(sqlite[table]);
        expect(sqlite.prompts?.length).toBeGreaterThan(0);
        expect(sqlite.outbox?.length).toBeGreaterThan(0);
      } finally {
        for (const store of onClose.splice(0)) await store.close();
      }
    }, 120_000);
  },
);
