/**
 * The permission matrix: every command × every demo persona × their relationship to a student,
 * against the rules of PRODUCT.md section 1, written here independently of src/domain/access.ts.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../src/i18n/translate.ts';
import { askAs, errorsOf, freshDemo, visibleText } from './support/demo.ts';
import { query } from './support/dump.ts';

type Role = 'leerling' | 'mentor' | 'docent' | 'zorgcoordinator' | 'teamleider' | 'beheerder';
type Relationship = 'self' | 'mentor' | 'teaches' | 'team' | 'care' | 'none';
type Capability = 'see' | 'wellbeing' | 'texts' | 'goals' | 'arrangements' | 'conversation';

/** PRODUCT.md section 1, as capabilities per relationship. */
const grants: Record<Relationship, Capability[]> = {
  self: ['see', 'wellbeing', 'texts', 'goals'],
  mentor: ['see', 'wellbeing', 'texts', 'goals', 'arrangements', 'conversation'],
  teaches: ['see'],
  team: ['see', 'wellbeing'],
  care: ['see', 'wellbeing', 'arrangements'],
  none: [],
};

type Persona = { email: string; roles: Role[]; sarina: Relationship; milan: Relationship };
const personas = {
  jansen: {
    email: 'm.jansen@koersmeer.example',
    roles: ['mentor', 'docent'],
    sarina: 'mentor',
    milan: 'teaches',
  },
  devries: {
    email: 'p.devries@koersmeer.example',
    roles: ['mentor', 'docent'],
    sarina: 'teaches',
    milan: 'none',
  },
  benali: { email: 'a.benali@koersmeer.example', roles: ['docent'], sarina: 'teaches', milan: 'teaches' },
  yilmaz: {
    email: 'f.yilmaz@koersmeer.example',
    roles: ['mentor', 'docent'],
    sarina: 'none',
    milan: 'mentor',
  },
  bos: { email: 'z.bos@koersmeer.example', roles: ['zorgcoordinator'], sarina: 'none', milan: 'care' },
  smit: { email: 't.smit@koersmeer.example', roles: ['teamleider'], sarina: 'team', milan: 'team' },
  beheer: { email: 'beheer@koersmeer.example', roles: ['beheerder'], sarina: 'none', milan: 'none' },
  sarina: {
    email: 'sarina.elamrani@leerling.koersmeer.example',
    roles: ['leerling'],
    sarina: 'self',
    milan: 'none',
  },
  daan: {
    email: 'daan.visser@leerling.koersmeer.example',
    roles: ['leerling'],
    sarina: 'none',
    milan: 'none',
  },
} satisfies Record<string, Persona>;

const staff: Role[] = ['mentor', 'docent', 'zorgcoordinator', 'teamleider'];
const everyone: Role[] = ['leerling', ...staff, 'beheerder'];

/** Sarina has no arrangement (so a care coordinator does not see her); Milan has a running one. */
type Target = { name: string; email: string; key: 'sarina' | 'milan'; hasArrangement: boolean };
const targets: Target[] = [
  {
    name: 'Sarina El Amrani',
    email: 'sarina.elamrani@leerling.koersmeer.example',
    key: 'sarina',
    hasArrangement: false,
  },
  {
    name: 'Milan Peters',
    email: 'milan.peters@leerling.koersmeer.example',
    key: 'milan',
    hasArrangement: true,
  },
];

/** Each command about a student: who may run it (role) and what it needs of the relationship. */
const studentCommands: {
  command: string;
  line: (t: Target, goalId: number, arrangementId: number) => string;
  roles: Role[];
  needs: Capability;
  changes: boolean;
  /** Acts on an existing arrangement: without one there is nothing to act on. */
  onArrangement?: boolean;
}[] = [
  { command: 'leerling', line: (t) => `leerling ${t.email}`, roles: staff, needs: 'see', changes: false },
  {
    command: 'pad',
    line: (t) => `pad ${t.email}`,
    roles: ['leerling', ...staff],
    needs: 'see',
    changes: false,
  },
  {
    command: 'doelen',
    line: (t) => `doelen ${t.email}`,
    roles: ['leerling', 'mentor'],
    needs: 'see',
    changes: false,
  },
  {
    command: 'arrangement',
    line: (t) => `arrangement ${t.email}`,
    roles: ['mentor', 'zorgcoordinator'],
    needs: 'see',
    changes: false,
  },
  {
    command: 'doelen',
    line: (t) => `doel nieuw ${t.email} "Elke week plannen"  --categorie executieve-functie`,
    roles: ['leerling', 'mentor'],
    needs: 'goals',
    changes: true,
  },
  {
    command: 'doelen',
    line: (_t, goal) => `doel behaald ${goal}`,
    roles: ['leerling', 'mentor'],
    needs: 'goals',
    changes: true,
  },
  {
    command: 'doelen',
    line: (_t, goal) => `doel wijzig ${goal} --status bijgesteld`,
    roles: ['leerling', 'mentor'],
    needs: 'goals',
    changes: true,
  },
  {
    command: 'arrangement',
    line: (t) => `arrangement voorstel ${t.email} --strategie verrijken --vorm plusklas --niveau 2`,
    roles: ['mentor', 'zorgcoordinator'],
    needs: 'arrangements',
    changes: true,
  },
  {
    command: 'arrangement',
    line: (_t, _g, arrangement) => `arrangement sluit ${arrangement}`,
    roles: ['mentor', 'zorgcoordinator'],
    needs: 'arrangements',
    changes: true,
    onArrangement: true,
  },
  {
    command: 'gesprek',
    line: (t) => `gesprek ${t.email} --soort coachgesprek`,
    roles: ['mentor'],
    needs: 'conversation',
    changes: true,
  },
];

type Outcome = 'ok' | 'role' | 'refused';

function expected(
  roles: Role[],
  command: (typeof studentCommands)[number],
  relationship: Relationship,
  target: Target,
): Outcome {
  if (!roles.some((r) => command.roles.includes(r))) return 'role';
  if (command.onArrangement && !target.hasArrangement) return 'refused';
  return grants[relationship].includes(command.needs) ? 'ok' : 'refused';
}

const cases = Object.entries(personas as Record<string, Persona>).flatMap(([persona, p]) =>
  targets.flatMap((target) =>
    studentCommands.map((c, i) => ({
      persona,
      p,
      target,
      c,
      i,
      outcome: expected(p.roles, c, p[target.key], target),
    })),
  ),
);

describe('every command × persona × relationship', () => {
  it.each(cases.map((k) => [k.persona, k.target.key, k.i, k.outcome, k] as const))(
    '%s on %s, command %i: %s',
    async (_persona, _target, _i, outcome, { p, target, c }) => {
      const { store, file } = await freshDemo();
      const [goal] = query<{ id: number }>(
        file,
        "select g.id from goals g join students s on s.id = g.student_id where s.email = ? and g.status = 'open' order by g.id limit 1",
        target.email,
      );
      const [arrangement] = query<{ id: number }>(
        file,
        "select a.id from arrangements a join students s on s.id = a.student_id where s.email = ? and a.status <> 'afgerond' order by a.id limit 1",
        target.email,
      );
      const line = c.line(target, goal?.id ?? 0, arrangement?.id ?? 0);
      const before = query(file, 'select count(*) as n, max(id) as last from audit_log');
      const reply = await askAs(store, p.email, line);
      const errors = errorsOf(reply);
      if (outcome === 'role') {
        expect(errors).toEqual([translate('nl', 'access.commandNotForYou', { command: c.command })]);
      } else if (outcome === 'refused') {
        expect(errors).toHaveLength(1);
        expect(visibleText(reply)).not.toContain(target.name);
      } else {
        expect(errors).toEqual([]);
      }
      const after = query(file, 'select count(*) as n, max(id) as last from audit_log');
      // Reads and changes are audited; refusals leave no trace in the audit log.
      if (errors.length > 0) expect(after).toEqual(before);
      else expect(after).not.toEqual(before);
    },
  );
});

describe('what a reader sees of a student', () => {
  const texts = (file: string, email: string) =>
    query<{ text: string }>(
      file,
      `select r.went_well as text from reflections r join students s on s.id = r.student_id where s.email = ? and r.went_well is not null
       union select r.next_step from reflections r join students s on s.id = r.student_id where s.email = ? and r.next_step is not null
       union select c.summary from conversations c join students s on s.id = c.student_id where s.email = ? and c.summary is not null`,
      email,
      email,
      email,
    ).map((r) => r.text);

  it.each(Object.entries(personas as Record<string, Persona>))(
    '%s never sees a reflection text without the right to',
    async (_name, p) => {
      const { store, file } = await freshDemo();
      for (const target of targets) {
        const canRead = grants[p[target.key]].includes('texts');
        const written = texts(file, target.email);
        for (const line of [
          `leerling ${target.email}`,
          `pad ${target.email}`,
          `doelen ${target.email}`,
          `arrangement ${target.email}`,
        ]) {
          const shown = visibleText(await askAs(store, p.email, line));
          for (const text of written) if (!canRead) expect(shown).not.toContain(text);
        }
      }
    },
  );

  it('a team leader sees the wellbeing trend but no texts; a teacher not even the trend', async () => {
    const { store } = await freshDemo();
    const smit = await askAs(store, personas.smit.email, 'leerling sarina');
    const benali = await askAs(store, personas.benali.email, 'leerling sarina');
    expect(smit.blocks.some((b) => b.type === 'trend')).toBe(true);
    expect(benali.blocks.some((b) => b.type === 'trend')).toBe(false);
    expect(
      benali.blocks.some(
        (b) => b.type === 'fields' && b.fields.some((f) => f.label.startsWith('Wat ging goed')),
      ),
    ).toBe(false);
  });

  it('a care coordinator sees a student once there is an open signal, and what she wrote only when it is escalated to her', async () => {
    const { store, file } = await freshDemo();
    const bos = personas.bos.email;
    expect(errorsOf(await askAs(store, bos, 'leerling sarina'))).toHaveLength(1);
    const [zoe] = query<{ id: number }>(file, 'select id from staff where email = ?', bos);
    store.$client
      .prepare(
        `insert into signals (student_id, kind, severity, evidence, first_seen_at, last_seen_at, status)
         values (1, 'welbevinden-daalt', 'let-op', '{}', '2026-11-20T12:00:00.000Z', '2026-11-20T12:00:00.000Z', 'open')`,
      )
      .run();
    const seen = await askAs(store, bos, 'leerling sarina');
    expect(errorsOf(seen)).toEqual([]);
    expect(visibleText(seen)).not.toContain('Ik begreep de uitleg van wiskunde deze week.');
    expect(visibleText(seen).toLowerCase()).toContain('welbevinden daalt');
    store.$client.prepare('update signals set escalated_to_id = ? where student_id = 1').run(zoe?.id);
    expect(visibleText(await askAs(store, bos, 'leerling sarina'))).toContain(
      'Ik begreep de uitleg van wiskunde deze week.',
    );
  });

  it.each(Object.entries(personas as Record<string, Persona>))(
    '%s gets help with only the commands their role allows',
    async (_name, p) => {
      const { store } = await freshDemo();
      const reply = await askAs(store, p.email, 'help');
      const listed = reply.blocks.flatMap((b) =>
        b.type === 'list' ? b.items.map((i) => i.text.split(' ')[0]) : [],
      );
      expect(listed).toContain('help');
      expect(listed).toContain('instellingen');
      expect(listed.includes('leerling')).toBe(p.roles.some((r) => staff.includes(r)));
      expect(listed.includes('gesprek')).toBe(p.roles.includes('mentor'));
      expect(listed.includes('mijn')).toBe(p.roles.some((r) => r === 'mentor' || r === 'zorgcoordinator'));
      expect(everyone).toEqual(expect.arrayContaining(p.roles));
    },
  );
});
