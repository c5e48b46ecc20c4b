/**
 * Every change command: what it writes (with its audit entry), and that a failed change — bad
 * input, a refusal, or a failure halfway through the write — leaves the database as it was.
 */
import { describe, expect, it } from 'vitest';
import { loadCommands } from '../src/engine/registry.ts';
import { rawJson } from '../src/store/raw-values.ts';
import type { SqlValue, Store } from '../src/store/store.ts';
import { askAs, errorsOf, freshDemoStore } from './support/demo.ts';
import { arrangeIn, dumpStore, rows } from './support/store-sql.ts';

const jansen = 'm.jansen@koersmeer.example';
const yilmaz = 'f.yilmaz@koersmeer.example';
const bos = 'z.bos@koersmeer.example';
const sarina = 'sarina.elamrani@leerling.koersmeer.example';
const milan = 'milan.peters@leerling.koersmeer.example';
const beheer = 'beheer@koersmeer.example';

const successes = (answer: Awaited<ReturnType<typeof askAs>>) =>
  answer.blocks.flatMap((b) => (b.type === 'text' && b.tone === 'success' ? [b.text] : []));

const lastAudit = async (store: Store) =>
  (
    await rows<{ action: string; subject: string; student: string; detail: unknown }>(
      store,
      `select a.action, a.subject, s.email as student, a.detail from audit_log a join students s on s.id = a.student_id
       order by a.id desc limit 1`,
    )
  )[0];

const idOf = async (store: Store, sql: string, ...params: SqlValue[]) =>
  (await rows<{ id: number }>(store, sql, params))[0]?.id ?? 0;
const milanArrangement = (store: Store) =>
  idOf(
    store,
    'select a.id from arrangements a join students s on s.id = a.student_id where s.email = ? order by a.id',
    milan,
  );

describe('goals', () => {
  it('doel nieuw adds an open goal, set by the mentor, and audits it', async () => {
    const store = await freshDemoStore();
    const answer = await askAs(
      store,
      jansen,
      'doel nieuw sarina el amrani "Elke week Franse woordjes" --vak frans --tot 15-12',
    );
    expect(successes(answer)).toEqual([
      expect.stringMatching(/^Doel #\d+ toegevoegd voor Sarina El Amrani, te halen op 15 dec 2026\.$/),
    ]);
    const [goal] = await rows(store, "select * from goals where title = 'Elke week Franse woordjes'");
    expect(goal).toMatchObject({
      category: 'vak',
      subject: 'frans',
      status: 'open',
      origin: 'coachgesprek',
      target_date: '2026-12-15',
    });
    const audit = await lastAudit(store);
    expect(audit).toMatchObject({ action: 'create', subject: 'doelen nieuw', student: sarina });
    expect(rawJson(audit?.detail)).toEqual({ goalId: (goal as { id: number }).id });
  });

  it('a student adds her own goal, from herself', async () => {
    const store = await freshDemoStore();
    await askAs(store, sarina, 'doel nieuw "Elke dag tien minuten lezen" --categorie leerstrategie');
    expect(
      await rows(
        store,
        "select origin, created_by_id from goals where title = 'Elke dag tien minuten lezen'",
      ),
    ).toEqual([{ origin: 'eigen', created_by_id: null }]);
  });

  it('doel wijzig and doel behaald update it', async () => {
    const store = await freshDemoStore();
    const id = await idOf(
      store,
      "select id from goals where student_id = 1 and status = 'open' order by id limit 1",
    );
    expect(
      errorsOf(await askAs(store, jansen, `doel wijzig #${id} --titel "Nieuwe titel" --tot 1 maart`)),
    ).toEqual([]);
    expect(await rows(store, 'select title, target_date from goals where id = ?', [id])).toEqual([
      { title: 'Nieuwe titel', target_date: '2027-03-01' },
    ]);
    expect(errorsOf(await askAs(store, sarina, `doel behaald ${id}`))).toEqual([]);
    expect(await rows(store, 'select status, closed_at from goals where id = ?', [id])).toEqual([
      { status: 'behaald', closed_at: '2026-11-23T09:00:00.000Z' },
    ]);
    expect(errorsOf(await askAs(store, sarina, `doel behaald ${id}`))).toEqual([
      `Doel #${id} is al behaald.`,
    ]);
  });
});

describe('arrangements', () => {
  it('go from proposed to assigned to running to evaluated to closed', async () => {
    const store = await freshDemoStore();
    const goal = await idOf(
      store,
      "select id from goals where student_id = 1 and status = 'open' order by id limit 1",
    );
    const proposed = await askAs(
      store,
      jansen,
      `arrangement voorstel sarina el amrani --strategie verrijken --vorm plusklas --niveau 2 --interval 4 --doel ${goal} --omschrijving "Plusklas Frans"`,
    );
    expect(errorsOf(proposed)).toEqual([]);
    const id = await idOf(store, 'select id from arrangements where student_id = 1 order by id');
    expect(await rows(store, 'select goal_id from arrangement_goals where arrangement_id = ?', [id])).toEqual(
      [{ goal_id: goal }],
    );
    expect(errorsOf(await askAs(store, jansen, `arrangement toewijzen ${id}`))).toEqual([]);
    expect(errorsOf(await askAs(store, jansen, `arrangement start ${id}`))).toEqual([]);
    expect(
      await rows(store, 'select status, start_date, next_evaluation_date from arrangements where id = ?', [
        id,
      ]),
    ).toEqual([{ status: 'lopend', start_date: '2026-11-23', next_evaluation_date: '2026-12-21' }]);
    expect(
      errorsOf(
        await askAs(
          store,
          jansen,
          `arrangement evalueer ${id} --besluit aanpassen --doelen deels --niveau 1`,
        ),
      ),
    ).toEqual([]);
    expect(
      await rows(store, 'select support_level, next_evaluation_date from arrangements where id = ?', [id]),
    ).toEqual([{ support_level: 1, next_evaluation_date: '2026-12-21' }]);
    expect(
      await rows(
        store,
        'select decision, goals_met, support_level_after from arrangement_evaluations where arrangement_id = ?',
        [id],
      ),
    ).toEqual([{ decision: 'aanpassen', goals_met: 'deels', support_level_after: 1 }]);
    expect(
      errorsOf(await askAs(store, jansen, `arrangement evalueer ${id} --besluit afsluiten --doelen ja`)),
    ).toEqual([]);
    expect(
      await rows(store, 'select status, next_evaluation_date from arrangements where id = ?', [id]),
    ).toEqual([{ status: 'afgerond', next_evaluation_date: null }]);
    expect(await lastAudit(store)).toMatchObject({
      action: 'update',
      subject: 'arrangement evalueer',
      student: sarina,
    });
  });

  it("a care coordinator evaluates Milan's overdue arrangement", async () => {
    const store = await freshDemoStore();
    const id = await milanArrangement(store);
    const answer = await askAs(
      store,
      bos,
      `arrangement evalueer ${id} --besluit verlengen --doelen deels --notitie "Lezen gaat beter"`,
    );
    expect(successes(answer)).toEqual([`Arrangement #${id} geëvalueerd. Volgende evaluatie: 4 jan 2027.`]);
  });

  it('a care coordinator sees the overdue evaluation in her list', async () => {
    const store = await freshDemoStore();
    const answer = await askAs(store, bos, 'arrangement');
    const items = answer.blocks.flatMap((b) => (b.type === 'list' ? b.items : []));
    expect(items.find((i) => i.text.startsWith('Milan Peters'))?.detail).toMatch(/^evaluatie verlopen/);
  });
});

describe('conversations', () => {
  it('gesprek logs the conversation, its participants, and turns agreements into goals in one step', async () => {
    const store = await freshDemoStore();
    const answer = await askAs(
      store,
      jansen,
      'gesprek daan visser --soort driehoeksgesprek --datum 20-11 --samenvatting "Over slapen" --afspraak "Voor elf uur naar bed" --afspraak "Elke avond mijn planner bijwerken" --categorie executieve-functie',
    );
    expect(errorsOf(answer)).toEqual([]);
    const [conversation] = await rows<{ id: number; kind: string; date: string; summary: string }>(
      store,
      "select c.id, c.kind, c.date, c.summary from conversations c join students s on s.id = c.student_id where s.email = 'daan.visser@leerling.koersmeer.example' order by c.id desc limit 1",
    );
    expect(conversation).toMatchObject({
      kind: 'driehoeksgesprek',
      date: '2026-11-20',
      summary: 'Over slapen',
    });
    expect(
      await rows(store, 'select kind from conversation_participants where conversation_id = ? order by id', [
        conversation?.id ?? null,
      ]),
    ).toEqual([{ kind: 'leerling' }, { kind: 'medewerker' }, { kind: 'ouder' }]);
    expect(
      await rows(store, 'select title, origin, category from goals where conversation_id = ? order by id', [
        conversation?.id ?? null,
      ]),
    ).toEqual([
      { title: 'Voor elf uur naar bed', origin: 'driehoeksgesprek', category: 'executieve-functie' },
      {
        title: 'Elke avond mijn planner bijwerken',
        origin: 'driehoeksgesprek',
        category: 'executieve-functie',
      },
    ]);
  });
});

describe('settings', () => {
  it('a student sets her prompt day, time, a pause and her language', async () => {
    const store = await freshDemoStore();
    for (const line of [
      'instellingen dag donderdag',
      'instellingen tijd 9.30',
      'instellingen pauze 3 januari',
      'settings language en',
    ])
      expect(errorsOf(await askAs(store, sarina, line))).toEqual([]);
    expect(
      await rows(
        store,
        'select prompt_weekday, prompt_time, paused_until, locale from students where id = 1',
      ),
    ).toEqual([{ prompt_weekday: 4, prompt_time: '09:30', paused_until: '2027-01-03', locale: 'en' }]);
    const shown = await askAs(store, sarina, 'instellingen');
    expect(shown.locale).toBe('en');
    expect(JSON.stringify(shown.blocks)).toContain('Thursday at 09:30');
    expect(errorsOf(await askAs(store, sarina, 'instellingen pauze uit'))).toEqual([]);
    expect(await rows(store, 'select paused_until from students where id = 1')).toEqual([
      { paused_until: null },
    ]);
  });
});

describe('a change that fails changes nothing', () => {
  const failing: [string, string, (store: Store) => string | Promise<string>][] = [
    [
      'a date that does not exist',
      jansen,
      () => 'doel nieuw sarina el amrani "Lezen" --vak frans --tot 31-02-2027',
    ],
    ['a date in the past', jansen, () => 'doel nieuw sarina el amrani "Lezen" --vak frans --tot gisteren'],
    ['a target above 100%', beheer, () => 'instellingen samenvatting welbevinden 150'],
    ['an indicator that does not exist', beheer, () => 'instellingen samenvatting geluk 80'],
    ['subscribing outside a channel', beheer, () => 'samenvatting abonneer 3H'],
    ['unsubscribing outside a channel', beheer, () => 'samenvatting opzeggen'],
    ['a title over 200 characters', sarina, () => `doel nieuw "${'x'.repeat(201)}" --categorie talent`],
    ['a goal of another student', sarina, () => 'doel behaald 5'],
    ['a goal that does not exist', jansen, () => 'doel wijzig 99999 --titel "Nieuw"'],
    ['nothing to change', jansen, () => 'doel wijzig 2'],
    ['a status that is not one', jansen, () => 'doel wijzig 2 --status klaar'],
    [
      'an unknown strategy',
      jansen,
      () => 'arrangement voorstel sarina el amrani --strategie turbo --vorm plusklas --niveau 2',
    ],
    [
      'a support level of 5',
      jansen,
      () => 'arrangement voorstel sarina el amrani --strategie verrijken --vorm plusklas --niveau 5',
    ],
    [
      'an end before the start',
      jansen,
      () =>
        'arrangement voorstel sarina el amrani --strategie verrijken --vorm plusklas --niveau 2 --start 1-2-2027 --eind 1-1-2027',
    ],
    [
      'a goal of someone else on an arrangement',
      jansen,
      () => 'arrangement voorstel sarina el amrani --strategie verrijken --vorm plusklas --niveau 2 --doel 5',
    ],
    [
      'assigning a running arrangement',
      bos,
      async (store) => `arrangement toewijzen ${await milanArrangement(store)}`,
    ],
    [
      'closing a closed arrangement',
      'p.devries@koersmeer.example',
      async (store) =>
        `arrangement sluit ${await idOf(store, "select id from arrangements where status = 'afgerond' order by id")}`,
    ],
    [
      'starting a running arrangement',
      bos,
      async (store) => `arrangement start ${await milanArrangement(store)}`,
    ],
    [
      'an evaluation in the future',
      bos,
      async (store) =>
        `arrangement evalueer ${await milanArrangement(store)} --besluit verlengen --doelen ja --datum 1-1-2027`,
    ],
    [
      'a new level without adjusting',
      bos,
      async (store) =>
        `arrangement evalueer ${await milanArrangement(store)} --besluit verlengen --doelen ja --niveau 3`,
    ],
    [
      'a conversation in the future',
      jansen,
      () => 'gesprek sarina el amrani --soort coachgesprek --datum 2027-01-01',
    ],
    [
      'eleven agreements',
      jansen,
      () => `gesprek sarina el amrani --soort coachgesprek ${'--afspraak "a" '.repeat(11)}`,
    ],
    [
      'a mentor of another group',
      yilmaz,
      () => 'gesprek sarina el amrani --soort coachgesprek --afspraak "Lezen"',
    ],
    ['a pause in the past', sarina, () => 'instellingen pauze 2025-01-01'],
    ['a time that is not one', sarina, () => 'instellingen tijd 25:00'],
    ['a day that is not one', sarina, () => 'instellingen dag vrijdagavond'],
    ['a language Koers does not speak', sarina, () => 'instellingen taal fr'],
    ['acknowledging a signal that does not exist', jansen, () => 'signalen gezien 99999'],
    ['resolving a signal without a reason', jansen, () => 'signalen opgelost 1'],
    ['a reason over 500 characters', jansen, () => `signalen opgelost 1 --reden "${'x'.repeat(501)}"`],
    ['escalating to something that is not an address', jansen, () => 'signalen escaleer 1 --aan zorg'],
    [
      'a reflection with wellbeing out of range',
      sarina,
      () => 'reflectie invullen --welbevinden 6 --motivatie 3 --grip 3 --uitdaging precies-goed',
    ],
    [
      'a reflection for a week that was never asked',
      sarina,
      () =>
        'reflectie invullen --welbevinden 4 --motivatie 3 --grip 3 --uitdaging precies-goed --week 2026-W30',
    ],
    [
      'a reflection with a note over 2000 characters',
      sarina,
      () =>
        `reflectie invullen --welbevinden 4 --motivatie 3 --grip 3 --uitdaging precies-goed --goed "${'x'.repeat(2001)}"`,
    ],
    [
      "progress typed for another student's goal",
      sarina,
      () => 'reflectie invullen --week 2026-W47 --grip 2 --doel 5=behaald',
    ],
    [
      'progress typed for an achieved goal',
      sarina,
      () => 'reflectie invullen --week 2026-W47 --doel 1=behaald',
    ],
    [
      'progress that is not a progress word',
      sarina,
      () => 'reflectie invullen --week 2026-W47 --doel 2=klaar',
    ],
    ['a first reflection of the week without all answers', sarina, () => 'reflectie invullen --grip 2'],
    ['a pause longer than six weeks', sarina, () => 'instellingen pauze 1 maart'],
    ['a threshold above its range', beheer, () => 'instellingen drempels welbevinden-daalt daling 9'],
    [
      'a whole number with decimals',
      beheer,
      () => 'instellingen drempels reflecties-gemist weken-op-rij 2,5',
    ],
    [
      'more reflections counted than looked at',
      beheer,
      () => 'instellingen drempels te-weinig-uitdaging aantal 5',
    ],
    ['a threshold that is not a number', beheer, () => 'instellingen drempels welbevinden-daalt daling veel'],
    ['a threshold the kind does not have', beheer, () => 'instellingen drempels doel-verlopen weken 3'],
    ['a signal kind that does not exist', beheer, () => 'instellingen drempels pesten uit'],
  ];

  it.each(failing)('%s', async (_why, email, line) => {
    const store = await freshDemoStore();
    const before = await dumpStore(store);
    const answer = await askAs(store, email, await line(store));
    expect(errorsOf(answer)).toHaveLength(1);
    expect(await dumpStore(store)).toBe(before);
  });

  it('covers every action that changes data', async () => {
    const commands = await loadCommands();
    const store = await freshDemoStore();
    const lines = await Promise.all(failing.map(async ([, , line]) => (await line(store)).split(' ')));
    const uncovered = commands.flatMap((c) =>
      c.actions
        .filter((a) => a.changes)
        .filter(
          (a) =>
            !lines.some(
              ([first, second]) =>
                [c.name, ...c.aliases].includes(first ?? '') &&
                (a.name === 'main'
                  ? !c.actions.some((other) => other.words?.includes(second ?? ''))
                  : (a.words ?? []).includes(second ?? '')),
            ),
        )
        .map((a) => `${c.name} ${a.name}`),
    );
    expect(uncovered).toEqual([]);
  });

  it('a failure halfway through a write rolls all of it back, audit entry included', async () => {
    const store = await freshDemoStore();
    // A real database failure on the second agreement, after the conversation and the first goal were written.
    if (store.dialect === 'sqlite') {
      await arrangeIn(
        store,
        "create trigger fail_second before insert on goals when new.title = 'Tweede' begin select raise(abort, 'disk full'); end",
      );
    } else {
      await arrangeIn(
        store,
        "create function fail_second() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$",
      );
      await arrangeIn(
        store,
        "create trigger fail_second before insert on goals for each row when (new.title = 'Tweede') execute function fail_second()",
      );
    }
    const before = await dumpStore(store);
    const answer = await askAs(
      store,
      jansen,
      'gesprek sarina el amrani --soort coachgesprek --afspraak "Eerste" --afspraak "Tweede" --categorie vak',
    );
    expect(errorsOf(answer)).toEqual([expect.stringMatching(/^Er ging iets mis\. .*: [0-9a-f]{8}$/)]);
    expect(await dumpStore(store)).toBe(before);
  });
});
