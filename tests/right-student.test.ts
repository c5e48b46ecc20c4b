/**
 * A write lands on the student the asker named exactly (full name or a form of it, the exact
 * address, a mention by id) or chose from a list, and on no one else. Held over the demo school
 * (siblings: Noor, Roos and Noah Hendriks; namesakes: two Kian de Jongs) and a school generated
 * full of siblings and namesakes, with names typed right, mistyped, cut short, and with other
 * students' addresses one edit away.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { may } from '../src/domain/access.ts';
import { normalizeName } from '../src/domain/name-match.ts';
import type { Reply } from '../src/reply/reply.ts';
import { findPersonByEmail } from '../src/store/people.ts';
import { rawJson } from '../src/store/raw-values.ts';
import { studentsInScope } from '../src/store/scope.ts';
import type { Store } from '../src/store/store.ts';
import { askAs, errorsOf, freshDemoStore } from './support/demo.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

type Student = {
  id: number;
  firstName: string;
  preferredName: string | null;
  lastNamePrefix: string | null;
  lastName: string;
  email: string;
};

const writers = [
  'm.jansen@koersmeer.example',
  'p.devries@koersmeer.example',
  'f.yilmaz@koersmeer.example',
  'z.bos@koersmeer.example',
];

/** The writes that name a student, and where each leaves its row. */
const writes = [
  {
    line: (who: string) => `doel nieuw ${who} "Elke week plannen" --categorie executieve-functie`,
    table: 'goals',
  },
  {
    line: (who: string) => `gesprek ${who} --soort coachgesprek --samenvatting "Kort gesprek"`,
    table: 'conversations',
  },
  {
    line: (who: string) => `arrangement voorstel ${who} --strategie verrijken --vorm plusklas --niveau 2`,
    table: 'arrangements',
  },
] as const;

function studentsOf(store: Store): Promise<Student[]> {
  return rows<Student>(
    store,
    `select id, first_name as "firstName", preferred_name as "preferredName", last_name_prefix as "lastNamePrefix",
      last_name as "lastName", email from students order by id`,
  );
}

/** Every way of naming a student exactly, written out here independently of the matcher. */
function exactForms(s: Student): string[] {
  const join = (...parts: (string | null)[]) => normalizeName(parts.filter((p) => p).join(' '));
  return [
    join(s.firstName),
    join(s.lastName),
    join(s.preferredName),
    join(s.lastNamePrefix, s.lastName),
    join(s.firstName, s.lastName),
    join(s.firstName, s.lastNamePrefix, s.lastName),
    join(s.preferredName, s.lastName),
    join(s.preferredName, s.lastNamePrefix, s.lastName),
    normalizeName(s.email.split('@')[0] ?? ''),
  ].filter((form) => form !== '');
}

/** The full-name forms of PRODUCT.md ("named exactly (full name, …)"): given name and surname. */
function fullNames(s: Student): string[] {
  const join = (...parts: (string | null)[]) => normalizeName(parts.filter((p) => p).join(' '));
  return [s.firstName, s.preferredName]
    .filter((given) => given)
    .flatMap((given) => [join(given, s.lastName), join(given, s.lastNamePrefix, s.lastName)]);
}

/**
 * Named exactly: the address, or a full name that no other student the asker can see shares
 * (a namesake in sight makes the name ambiguous, whoever the asker may change).
 */
function namedExactly(query: string, s: Student, visible: readonly Student[]): boolean {
  if (query.trim().indexOf('@') > 0) return query.trim().toLowerCase() === s.email.toLowerCase();
  const name = normalizeName(query);
  return (
    fullNames(s).includes(name) && visible.filter((other) => fullNames(other).includes(name)).length === 1
  );
}

function newRows(store: Store, table: string, after: number): Promise<{ id: number; studentId: number }[]> {
  return rows<{ id: number; studentId: number }>(
    store,
    `select id, student_id as "studentId" from ${table} where id > ? order by id`,
    [after],
  );
}

const maxId = async (store: Store, table: string) =>
  (await rows<{ n: number }>(store, `select coalesce(max(id), 0) as n from ${table}`))[0]?.n ?? 0;

/** The command lines of the "Kies" buttons in a reply. */
function choices(reply: Reply): string[] {
  return reply.blocks.flatMap((block) =>
    block.type === 'list'
      ? block.items.flatMap((item) => {
          const text = item.button?.payload.text;
          return typeof text === 'string' ? [text] : [];
        })
      : [],
  );
}

/** A query near a student: a form of their name or their address, maybe mistyped or cut short. */
function queryNear(students: readonly Student[]) {
  const mistype = (text: string, at: number, letter: string, kind: number) => {
    const i = at % (text.length + 1);
    if (kind === 0) return text.slice(0, i) + text.slice(i + 1);
    if (kind === 1) return text.slice(0, i) + letter + text.slice(i);
    if (kind === 2) return text.slice(0, i) + letter + text.slice(i + 1);
    if (kind === 3)
      return text.slice(0, i) + text.slice(i + 1, i + 2) + text.slice(i, i + 1) + text.slice(i + 2);
    return text.slice(0, Math.max(2, i));
  };
  const base = fc
    .constantFrom(...students)
    .chain((s) =>
      fc.constantFrom(
        ...exactForms(s),
        s.email,
        s.email.toUpperCase(),
        [s.firstName, s.lastNamePrefix, s.lastName].filter(Boolean).join(' '),
      ),
    );
  return fc
    .tuple(
      base,
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...'aeinorsd2.'), fc.integer({ min: 0, max: 4 })), {
        maxLength: 2,
      }),
    )
    .map(([text, edits]) => edits.reduce((q, [at, letter, kind]) => mistype(q, at, letter, kind), text))
    .filter((q) => q.trim() !== '' && !/["'“‘]/.test(q) && !q.trim().startsWith('-'));
}

async function holdsFor(
  store: Store,
  asker: string,
  query: string,
  write: (typeof writes)[number],
  pick: number,
) {
  const students = await studentsOf(store);
  const byId = new Map(students.map((s) => [s.id, s]));
  const before = await maxId(store, write.table);
  const reply = await askAs(store, asker, write.line(query));
  const written = await newRows(store, write.table, before);
  expect(written.length).toBeLessThanOrEqual(1);
  const actor = await findPersonByEmail(store, asker);
  if (!actor) throw new Error(asker);
  const visible = (await studentsInScope(store, actor))
    .filter((scoped) => may(scoped.relationships, 'seePathway'))
    .flatMap((scoped) => byId.get(scoped.id) ?? []);
  for (const row of written) {
    const student = byId.get(row.studentId);
    expect(
      student && namedExactly(query, student, visible),
      `${asker}: ${write.line(query)} wrote to ${student?.email}`,
    ).toBe(true);
  }
  const offered = choices(reply);
  if (written.length === 0 && offered.length > 0) {
    // Choosing from the list writes to exactly the one chosen, with everything else as asked.
    // The button names the student by reference (`id:42`), never by address or name.
    const chosen = offered[pick % offered.length] ?? '';
    const reference = chosen.match(/(?<=^|\s)id:\d+(?=\s|$)/)?.[0] ?? '';
    const beforeChoice = await maxId(store, write.table);
    const answer = await askAs(store, asker, chosen);
    const added = await newRows(store, write.table, beforeChoice);
    expect(errorsOf(answer), chosen).toEqual([]);
    expect(added.map((row) => `id:${row.studentId}`)).toEqual([reference]);
    expect(chosen).toBe(write.line(reference).replace(/^doel /, 'doelen '));
  }
}

/** Any writer, any write, any query near any student of this school, any choice from a list. */
async function everyWriteHolds(store: Store) {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...writers),
      queryNear(await studentsOf(store)),
      fc.constantFrom(...writes),
      fc.nat(),
      async (asker, query, write, pick) => holdsFor(store, asker, query, write, pick),
    ),
    { numRuns: 250 },
  );
}

/** More siblings and namesakes in the groups the demo personas mentor and teach. */
async function addSiblingsAndNamesakes(store: Store, seed: number) {
  const groups = await rows<{ id: number; mentorId: number | null }>(
    store,
    `select g.id, (select staff_id from group_mentors m where m.group_id = g.id order by staff_id limit 1) as "mentorId"
     from groups g order by g.id`,
  );
  const school =
    (await rows<{ id: number }>(store, 'select id from schools order by id limit 1'))[0]?.id ?? 0;
  const firsts = [
    'Noor',
    'Noah',
    'Nora',
    'Daan',
    'Dana',
    'Sara',
    'Saar',
    'Sarah',
    'Kian',
    'Kyan',
    'Lisa',
    'Liza',
  ];
  const lasts: [string | null, string][] = [
    [null, 'Hendriks'],
    [null, 'Hendrikx'],
    ['de', 'Jong'],
    [null, 'Visser'],
    [null, 'Vissers'],
    ['van', 'Dijk'],
  ];
  const insert = `insert into students (school_id, first_name, last_name_prefix, last_name, email, group_id, mentor_id,
       onderwijssoort, leerjaar, created_at)
     select :school, :first, :prefix, :last, :email, :group, :mentor, onderwijssoort, leerjaar, created_at
     from students where group_id = :group order by id limit 1`;
  let n = 0;
  for (const group of groups)
    for (let i = 0; i < 8; i++) {
      const first = firsts[(seed + i * 5 + group.id) % firsts.length] ?? 'Noor';
      const [prefix, last] = lasts[(seed + i * 7 + group.id * 3) % lasts.length] ?? [null, 'Visser'];
      const local = normalizeName(`${first}.${prefix ?? ''}${last}`).replaceAll(' ', '');
      await arrangeIn(store, insert, {
        school,
        first,
        prefix,
        last,
        email: `${local}${++n}@leerling.koersmeer.example`,
        group: group.id,
        mentor: group.mentorId,
      });
    }
}

describe('a write lands only on the student named exactly or chosen', () => {
  it('in the demo cases of issue 11', async () => {
    const store = await freshDemoStore();
    const jansen = 'm.jansen@koersmeer.example';
    const count = (table: string) => maxId(store, table);
    const conversations = await count('conversations');
    const refused = await askAs(
      store,
      jansen,
      'gesprek noah.hendriks@leerling.koersmeer.example --soort coachgesprek',
    );
    expect(errorsOf(refused)).toEqual([
      'Je hebt geen toegang tot deze leerling of de leerling bestaat niet.',
    ]);
    expect(await count('conversations')).toBe(conversations);
    const goals = await count('goals');
    // The other Kian de Jong is in 3T, which Jansen teaches: she may see him, not change his goals.
    const readOnly = await askAs(
      store,
      jansen,
      'doel nieuw kian.dejong2@leerling.koersmeer.example "Plannen" --categorie vak',
    );
    expect(errorsOf(readOnly)).toEqual(['Je mag deze leerling bekijken, maar niet wijzigen.']);
    expect(await count('goals')).toBe(goals);
    // Both refusals leave a trace: the neutral one names no student, the honest one the student it is about.
    const trace = await rows<{ subject: string; detail: unknown; email: string | null }>(
      store,
      `select a.subject, a.detail, s.email from audit_log a left join students s on s.id = a.student_id
       where a.action = 'refused' order by a.id`,
    );
    expect(trace.map((row) => ({ ...row, detail: rawJson(row.detail) }))).toEqual([
      { subject: 'gesprek', detail: { reason: 'denied' }, email: null },
      {
        subject: 'doelen nieuw',
        detail: { reason: 'readOnly' },
        email: 'kian.dejong2@leerling.koersmeer.example',
      },
    ]);
    // Her own Kian de Jong is not taken while the other one, of a group she teaches, is in sight.
    const namesakes = await askAs(store, jansen, 'doel nieuw Kian de Jong "Plannen" --categorie vak');
    expect(await count('goals')).toBe(goals);
    const students = await studentsOf(store);
    const idOf = (email: string) => students.find((s) => s.email === email)?.id;
    expect(choices(namesakes)).toEqual([
      `doelen nieuw id:${idOf('kian.dejong@leerling.koersmeer.example')} "Plannen" --categorie vak`,
    ]);
    // A first name alone is no full name: offered, not taken.
    const firstName = await askAs(store, jansen, 'doel nieuw Daan "Plannen" --categorie vak');
    expect(await count('goals')).toBe(goals);
    expect(choices(firstName)).toHaveLength(1);
    // A typo is offered with a button, never acted on.
    const offered = await askAs(store, jansen, 'doel nieuw Dann "Plannen" --categorie vak');
    expect(await count('goals')).toBe(goals);
    expect(choices(offered)).toEqual([
      `doelen nieuw id:${idOf('daan.visser@leerling.koersmeer.example')} "Plannen" --categorie vak`,
    ]);
    await askAs(store, jansen, choices(offered)[0] ?? '');
    expect((await newRows(store, 'goals', goals)).map((r) => r.studentId)).toEqual([
      idOf('daan.visser@leerling.koersmeer.example'),
    ]);
  });

  it('finds short names with one letter wrong, for reading, and says which student it took', async () => {
    const store = await freshDemoStore();
    for (const [typed, name] of [
      ['Dann', 'Daan Visser'],
      ['Yarra', 'Yara Wijaya'],
      ['Kely', 'Kelly Mulder'],
    ] as const) {
      const mentor =
        typed === 'Kely'
          ? 'f.yilmaz@koersmeer.example'
          : typed === 'Yarra'
            ? 'p.devries@koersmeer.example'
            : 'm.jansen@koersmeer.example';
      const reply = await askAs(store, mentor, `leerling ${typed}`);
      expect(errorsOf(reply)).toEqual([]);
      expect(JSON.stringify(reply.blocks)).toContain(`Niemand heet precies '${typed}'; dit is ${name}.`);
    }
  });

  it('over the demo school, for any query near any student', async () => {
    const store = await freshDemoStore();
    await everyWriteHolds(store);
  });

  it('over a school full of siblings and namesakes', async () => {
    const store = await freshDemoStore();
    await addSiblingsAndNamesakes(store, 3);
    await everyWriteHolds(store);
  });
});
