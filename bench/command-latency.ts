import { normalizeName } from '../src/domain/name-match.ts';
import { displayName } from '../src/domain/person-name.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { route } from '../src/engine/router.ts';
import { renderText } from '../src/render/text.ts';
import type { Reply } from '../src/reply/reply.ts';
import { closeStore, openStore, type SqliteStore } from '../src/store/database.ts';
import { findPersonByEmail } from '../src/store/people.ts';
import { studentsInScope } from '../src/store/scope.ts';
import type { Benchmark } from './benchmark.ts';
import { scaleDatabase } from './scale-database.ts';

const TARGET_P50_MS = 2;
const TARGET_P99_MS = 10;
const WARMUP = 200;
const MEASURED = 3000;
// The demo seed's stories end on this Monday; asking later would only shift the trend windows.
const NOW = new Date('2026-11-23T09:00:00Z');

const MENTOR = 'm.jansen@koersmeer.example';
const TEAM_LEADER = 't.smit@koersmeer.example';

type Request = { email: string; text: string; header: string };

type NameRow = {
  firstName: string;
  preferredName: string | null;
  lastNamePrefix: string | null;
  lastName: string;
};

const NAME_COLUMNS = `s.first_name as firstName, s.preferred_name as preferredName,
  s.last_name_prefix as lastNamePrefix, s.last_name as lastName`;

function studentByEmail(store: SqliteStore, email: string): NameRow {
  const row = store.$client.prepare(`select ${NAME_COLUMNS} from students s where s.email = ?`).get(email) as
    | NameRow
    | undefined;
  if (!row) throw new Error(`no student ${email}`);
  return row;
}

/**
 * `first last` for each student, leaving out names another student in the asker's scope shares:
 * those rightly get a list to choose from, which would fail the header check below.
 */
async function byFirstAndLastName(store: SqliteStore, email: string, rows: NameRow[]): Promise<Request[]> {
  const actor = await findPersonByEmail(store, email);
  if (!actor) throw new Error(`no staff member ${email}`);
  const seen = new Map<string, number>();
  const key = (s: NameRow) => normalizeName(`${s.firstName} ${s.lastName}`);
  for (const s of await studentsInScope(store, actor)) seen.set(key(s), (seen.get(key(s)) ?? 0) + 1);
  return rows
    .filter((s) => seen.get(key(s)) === 1)
    .map((s) => ({ email, text: `leerling ${s.firstName} ${s.lastName}`, header: displayName(s) }));
}

async function requests(store: SqliteStore): Promise<Request[]> {
  const db = store.$client;
  const sarina = displayName(studentByEmail(store, 'sarina.elamrani@leerling.koersmeer.example'));
  const daan = displayName(studentByEmail(store, 'daan.visser@leerling.koersmeer.example'));
  const mentor = db.prepare('select id, school_id as schoolId from staff where email = ?').get(MENTOR) as
    | { id: number; schoolId: number }
    | undefined;
  if (!mentor) throw new Error(`no staff member ${MENTOR}`);

  const mentees = db
    .prepare(
      `select distinct ${NAME_COLUMNS} from students s
       where s.mentor_id = @id or s.group_id in (select group_id from group_mentors where staff_id = @id)`,
    )
    .all({ id: mentor.id }) as NameRow[];

  // The mentor of the biggest generated school: the one whose roster the scale seed made large.
  const other = db
    .prepare(
      `select st.id as id, st.email as email from group_mentors gm join staff st on st.id = gm.staff_id
       where st.school_id <> ? and st.school_id = (
         select school_id from students where school_id <> ? group by school_id order by count(*) desc limit 1)
       order by st.id limit 1`,
    )
    .get(mentor.schoolId, mentor.schoolId) as { id: number; email: string } | undefined;
  if (!other) throw new Error('no mentor in a generated school');
  const otherMentees = db
    .prepare(
      `select distinct ${NAME_COLUMNS} from students s
       where s.mentor_id = @id or s.group_id in (select group_id from group_mentors where staff_id = @id)`,
    )
    .all({ id: other.id }) as NameRow[];

  const team = db
    .prepare(
      `select ${NAME_COLUMNS} from staff st join staff_roles r on r.staff_id = st.id and r.role = 'teamleider'
       join groups g on g.team_id = r.team_id join students s on s.group_id = g.id where st.email = ?`,
    )
    .all(TEAM_LEADER) as NameRow[];

  const all: Request[] = [
    { email: MENTOR, text: 'leerling sarina', header: sarina },
    { email: MENTOR, text: 'leerling daan visser', header: daan },
    { email: MENTOR, text: 'leerling sarna', header: sarina },
    { email: MENTOR, text: 'leerling el amrani', header: sarina },
    ...(await byFirstAndLastName(store, MENTOR, mentees)),
    ...(await byFirstAndLastName(store, other.email, otherMentees)),
    { email: TEAM_LEADER, text: 'leerling sarina', header: sarina },
    ...(await byFirstAndLastName(store, TEAM_LEADER, team)),
  ];
  if (mentees.length === 0 || otherMentees.length === 0 || team.length === 0)
    throw new Error('a persona has no students to ask about');
  return shuffled(all);
}

/** Interleaves the personas so no one's queries stay hot in a cache the next one cannot use. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  // Park–Miller: the product stays below 2^53, so the order is the same on every run.
  let state = 42;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 48_271) % 2_147_483_647;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A broken command answers fast; this makes sure each answer is the card that was asked for. */
function check(request: Request, reply: Reply, text: string): void {
  const error = reply.blocks.find((b) => b.type === 'text' && b.tone === 'error');
  if (error) throw new Error(`'${request.text}' as ${request.email} failed: ${text}`);
  const [first] = reply.blocks;
  if (first?.type !== 'header' || first.text !== request.header)
    throw new Error(`'${request.text}' as ${request.email} should show ${request.header}, got: ${text}`);
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

export const commandLatency: Benchmark = {
  name: 'command latency: leerling <name> on 20,000 students',
  async run(workDir) {
    const store = openStore(await scaleDatabase(workDir), { create: false });
    try {
      const commands = await loadCommands();
      const plan = await requests(store);
      const once = async (request: Request) => {
        const started = performance.now();
        const actor = await findPersonByEmail(store, request.email);
        if (!actor) throw new Error(`no person ${request.email}`);
        const reply = await route(commands, { store, actor, text: request.text, channel: 'cli', now: NOW });
        const text = renderText(reply);
        const elapsed = performance.now() - started;
        check(request, reply, text);
        return elapsed;
      };

      for (let i = 0; i < WARMUP; i++) await once(plan[i % plan.length] as Request);
      const times: number[] = [];
      for (let i = 0; i < MEASURED; i++) times.push(await once(plan[i % plan.length] as Request));
      times.sort((a, b) => a - b);

      const p50 = percentile(times, 0.5);
      const p99 = percentile(times, 0.99);
      return [
        { label: 'requests', value: `${times.length.toLocaleString('en')} (${plan.length} distinct)` },
        { label: 'p50', value: ms(p50), target: `≤ ${TARGET_P50_MS} ms`, met: p50 <= TARGET_P50_MS },
        { label: 'p95', value: ms(percentile(times, 0.95)) },
        { label: 'p99', value: ms(p99), target: `≤ ${TARGET_P99_MS} ms`, met: p99 <= TARGET_P99_MS },
        { label: 'max', value: ms(times[times.length - 1] ?? Number.NaN) },
      ];
    } finally {
      await closeStore(store);
    }
  },
};
