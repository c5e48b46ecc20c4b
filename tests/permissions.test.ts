/**
 * The permission matrix: every command × every demo persona × their relationship to a student,
 * against the rules of PRODUCT.md section 1, written here independently of src/domain/access.ts.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../src/i18n/translate.ts';
import type { SqlValue, Store } from '../src/store/store.ts';
import { askAs, errorsOf, freshDemoStore, visibleText } from './support/demo.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const query = <T = Record<string, unknown>>(store: Store, sql: string, ...params: SqlValue[]) =>
  rows<T>(store, sql, params);

type Role = 'leerling' | 'mentor' | 'docent' | 'zorgcoordinator' | 'teamleider' | 'beheerder';
type Relationship = 'self' | 'mentor' | 'teaches' | 'team' | 'care' | 'careEscalated' | 'none';
type Capability = 'see' | 'wellbeing' | 'texts' | 'goals' | 'arrangements' | 'conversation';

/** PRODUCT.md section 1, as capabilities per relationship. */
const grants: Record<Relationship, Capability[]> = {
  self: ['see', 'wellbeing', 'texts', 'goals'],
  mentor: ['see', 'wellbeing', 'texts', 'goals', 'arrangements', 'conversation'],
  teaches: ['see'],
  team: ['see', 'wellbeing'],
  care: ['see', 'wellbeing', 'arrangements'],
  careEscalated: ['see', 'wellbeing', 'texts', 'arrangements'],
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

type Refusal = 'access.denied' | 'access.readOnly' | 'goal.notFound' | 'arrangement.notFound';

/**
 * Each command about a student: who may run it (role), what it needs of the relationship, and
 * the one refusal it gives — the same whether the student (goal, arrangement) does not exist or
 * is not the asker's.
 */
type StudentCommand = {
  command: string;
  line: (t: Target, goalId: number, arrangementId: number) => string;
  roles: Role[];
  needs: Capability;
  refusal: Refusal;
  /** Acts on an arrangement in one of these statuses; a student without one gives the refusal. */
  arrangement?: 'voorgesteld' | 'lopend';
  /** The action a role refusal names, when it is not the command's default one. */
  action?: string;
};

const byName = (
  command: string,
  line: StudentCommand['line'],
  roles: Role[],
  needs: Capability,
): StudentCommand => ({
  command,
  line,
  roles,
  needs,
  refusal: 'access.denied',
});
const arrangers: Role[] = ['mentor', 'zorgcoordinator'];
const goalSetters: Role[] = ['leerling', 'mentor'];

const studentCommands: StudentCommand[] = [
  byName('leerling', (t) => `leerling ${t.email}`, staff, 'see'),
  byName('pad', (t) => `pad ${t.email}`, ['leerling', ...staff], 'see'),
  // Reading goals and arrangements is seeing the pathway: every role that may see one may list them.
  byName('doelen', (t) => `doelen ${t.email}`, ['leerling', ...staff], 'see'),
  byName('arrangement', (t) => `arrangement ${t.email}`, staff, 'see'),
  {
    ...byName(
      'doelen',
      (t) => `doel nieuw ${t.email} "Elke week plannen" --categorie executieve-functie`,
      goalSetters,
      'goals',
    ),
    action: 'nieuw',
  },
  {
    ...byName('doelen', (_t, goal) => `doel behaald ${goal}`, goalSetters, 'goals'),
    refusal: 'goal.notFound',
    action: 'behaald',
  },
  {
    ...byName('doelen', (_t, goal) => `doel wijzig ${goal} --status bijgesteld`, goalSetters, 'goals'),
    refusal: 'goal.notFound',
    action: 'wijzig',
  },
  {
    ...byName(
      'arrangement',
      (t) => `arrangement voorstel ${t.email} --strategie verrijken --vorm plusklas --niveau 2`,
      arrangers,
      'arrangements',
    ),
    action: 'voorstel',
  },
  ...(['toewijzen', 'start'] as const).map((word) => ({
    ...byName(
      'arrangement',
      (_t: Target, _g: number, a: number) => `arrangement ${word} ${a}`,
      arrangers,
      'arrangements',
    ),
    refusal: 'arrangement.notFound' as const,
    arrangement: 'voorgesteld' as const,
    action: word,
  })),
  {
    ...byName(
      'arrangement',
      (_t, _g, a) => `arrangement evalueer ${a} --besluit verlengen --doelen ja`,
      arrangers,
      'arrangements',
    ),
    refusal: 'arrangement.notFound',
    arrangement: 'lopend',
    action: 'evalueer',
  },
  {
    ...byName('arrangement', (_t, _g, a) => `arrangement sluit ${a}`, arrangers, 'arrangements'),
    refusal: 'arrangement.notFound',
    arrangement: 'lopend',
    action: 'sluit',
  },
  byName('gesprek', (t) => `gesprek ${t.email} --soort coachgesprek`, ['mentor'], 'conversation'),
];

type Outcome = 'ok' | 'role' | Refusal;

function expected(p: Persona, command: StudentCommand, target: Target): Outcome {
  if (!p.roles.some((r) => command.roles.includes(r))) return 'role';
  if (command.arrangement && !target.hasArrangement) return command.refusal;
  const granted = grants[p[target.key]];
  if (granted.includes(command.needs)) return 'ok';
  // A student one may see is no secret: a change is refused as such, not as "no such student".
  return granted.includes('see') && changes.includes(command.needs) ? 'access.readOnly' : command.refusal;
}

const changes: Capability[] = ['goals', 'arrangements', 'conversation'];

/** A care coordinator to whom a signal about Sarina was escalated: her own relationship. */
const escalated: Persona = { ...personas.bos, sarina: 'careEscalated' as Relationship };
const allPersonas: [string, Persona][] = [
  ...Object.entries(personas as Record<string, Persona>),
  ['bos (escalated)', escalated],
];

const cases = allPersonas.flatMap(([persona, p]) =>
  targets.flatMap((target) =>
    studentCommands.map((c, i) => ({ persona, p, target, c, i, outcome: expected(p, c, target) })),
  ),
);

/** Evidence as the rules write it (src/domain/signals/phrase.ts), so re-evaluation can read it back. */
const evidence = JSON.stringify({
  facts: [
    {
      key: 'signals.evidence.welbevindenDaalt.trend',
      params: {
        before: { score: 3.8 },
        after: { score: 2.3 },
        recentCount: { count: 3 },
        baselineCount: { count: 5 },
      },
    },
  ],
  nextStep: { key: 'signals.next.welbevindenDaalt', params: {} },
});

function escalateToBos(store: Store) {
  return arrangeIn(
    store,
    `insert into signals (student_id, kind, severity, evidence, first_seen_at, last_seen_at, status, escalated_to_id)
     select 1, 'welbevinden-daalt', 'let-op', ?, '2026-11-20T12:00:00.000Z', '2026-11-20T12:00:00.000Z', 'open', id
     from staff where email = 'z.bos@koersmeer.example'`,
    [evidence],
  );
}

describe('every command × persona × relationship', () => {
  it.each(cases.map((k) => [k.persona, k.target.key, k.i, k.outcome, k] as const))(
    '%s on %s, command %i: %s',
    async (persona, _target, _i, outcome, { p, target, c }) => {
      const store = await freshDemoStore();
      if (persona === 'bos (escalated)') await escalateToBos(store);
      // A proposal to act on, for a student who already has an arrangement (so no scope changes).
      if (c.arrangement === 'voorgesteld' && target.hasArrangement)
        await arrangeIn(
          store,
          `insert into arrangements (student_id, strategy, form, support_level, start_date, evaluation_interval_weeks, status, created_at)
           select id, 'verrijken', 'plusklas', 2, '2026-11-01', 6, 'voorgesteld', '2026-11-20T12:00:00.000Z' from students where email = ?`,
          [target.email],
        );
      const [goal] = await query<{ id: number }>(
        store,
        "select g.id from goals g join students s on s.id = g.student_id where s.email = ? and g.status = 'open' order by g.id limit 1",
        target.email,
      );
      const [arrangement] = await query<{ id: number }>(
        store,
        'select a.id from arrangements a join students s on s.id = a.student_id where s.email = ? and a.status = ? order by a.id desc limit 1',
        target.email,
        c.arrangement ?? 'lopend',
      );
      const line = c.line(target, goal?.id ?? 0, arrangement?.id ?? 0);
      const traces = "select count(*) as n, max(id) as last from audit_log where action <> 'refused'";
      const refusals =
        "select actor_staff_id, actor_student_id, student_id, subject from audit_log where action = 'refused'";
      const before = await query(store, traces);
      const reply = await askAs(store, p.email, line);
      const errors = errorsOf(reply);
      if (outcome === 'ok') expect(errors).toEqual([]);
      else if (outcome === 'role')
        expect(errors).toEqual([
          translate('nl', 'access.commandNotForYou', {
            command: c.action ? `${c.command} ${c.action}` : c.command,
          }),
        ]);
      else expect(errors).toEqual([translate('nl', outcome, { id: line.match(/ (\d+)/)?.[1] ?? '' })]);
      if (outcome !== 'ok') expect(visibleText(reply)).not.toContain(target.name);
      const after = await query(store, traces);
      // Reads and changes are audited; a refusal reads and changes nothing.
      if (errors.length > 0) expect(after).toEqual(before);
      else expect(after).not.toEqual(before);
      // A command outside one's role is written down as refused, with who and which command.
      if (outcome === 'role')
        expect(await query(store, refusals)).toEqual([
          expect.objectContaining({
            student_id: null,
            subject: c.action ? `${c.command} ${c.action}` : c.command,
          }),
        ]);
    },
  );
});

describe('commands about oneself or one’s own caseload', () => {
  /** `mentorsAsked`: a mentor may run it too, for a mentee, and is asked which one. */
  const own: { line: string; roles: Role[]; mentorsAsked?: string }[] = [
    { line: 'mijn', roles: ['mentor', 'zorgcoordinator'] },
    { line: 'help', roles: everyone },
    { line: 'instellingen', roles: everyone },
    { line: 'instellingen taal en', roles: everyone },
    { line: 'instellingen dag donderdag', roles: ['leerling'] },
    { line: 'instellingen tijd 14:00', roles: ['leerling'] },
    { line: 'instellingen pauze 15-12', roles: ['leerling'], mentorsAsked: 'settings.pauseWhichStudent' },
    { line: 'instellingen drempels', roles: ['beheerder', 'teamleider'] },
  ];
  const ownCases = Object.entries(personas as Record<string, Persona>).flatMap(([persona, p]) =>
    own.map((o) => {
      const outcome = p.roles.some((r) => o.roles.includes(r))
        ? 'ok'
        : o.mentorsAsked && p.roles.includes('mentor')
          ? o.mentorsAsked
          : 'role';
      return [persona, o.line, outcome, p] as const;
    }),
  );

  it.each(ownCases)('%s: %s → %s', async (_persona, line, outcome, p) => {
    const store = await freshDemoStore();
    const errors = errorsOf(await askAs(store, p.email, line));
    if (outcome === 'ok') expect(errors).toEqual([]);
    else if (outcome !== 'role') expect(errors).toEqual([translate('nl', outcome)]);
    else
      expect(errors).toEqual([
        // The refusal names the action: `instellingen taal` is for everyone, `instellingen dag` is not.
        translate('nl', 'access.commandNotForYou', { command: line.split(' ').slice(0, 2).join(' ') }),
      ]);
  });
});

describe('what a reader sees of a student', () => {
  const texts = async (store: Store, email: string) =>
    (
      await query<{ text: string }>(
        store,
        `select r.went_well as text from reflections r join students s on s.id = r.student_id where s.email = ? and r.went_well is not null
       union select r.next_step from reflections r join students s on s.id = r.student_id where s.email = ? and r.next_step is not null
       union select c.summary from conversations c join students s on s.id = c.student_id where s.email = ? and c.summary is not null`,
        email,
        email,
        email,
      )
    ).map((r) => r.text);

  it.each(Object.entries(personas as Record<string, Persona>))(
    '%s never sees a reflection text without the right to',
    async (_name, p) => {
      const store = await freshDemoStore();
      for (const target of targets) {
        const canRead = grants[p[target.key]].includes('texts');
        const written = await texts(store, target.email);
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
    const store = await freshDemoStore();
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
    const store = await freshDemoStore();
    const bos = personas.bos.email;
    expect(errorsOf(await askAs(store, bos, 'leerling sarina'))).toHaveLength(1);
    const [zoe] = await query<{ id: number }>(store, 'select id from staff where email = ?', bos);
    await arrangeIn(
      store,
      `insert into signals (student_id, kind, severity, evidence, first_seen_at, last_seen_at, status)
       values (1, 'welbevinden-daalt', 'let-op', '{}', '2026-11-20T12:00:00.000Z', '2026-11-20T12:00:00.000Z', 'open')`,
    );
    const seen = await askAs(store, bos, 'leerling sarina');
    expect(errorsOf(seen)).toEqual([]);
    expect(visibleText(seen)).not.toContain('Ik begreep de uitleg van wiskunde deze week.');
    expect(visibleText(seen).toLowerCase()).toContain('welbevinden daalt');
    await arrangeIn(store, 'update signals set escalated_to_id = ? where student_id = 1', [zoe?.id ?? null]);
    expect(visibleText(await askAs(store, bos, 'leerling sarina'))).toContain(
      'Ik begreep de uitleg van wiskunde deze week.',
    );
  });

  it.each(Object.entries(personas as Record<string, Persona>))(
    '%s gets help with only the commands their role allows',
    async (_name, p) => {
      const store = await freshDemoStore();
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
