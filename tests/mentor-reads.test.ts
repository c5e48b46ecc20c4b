/**
 * Issue 11, section 3: what a mentor reads is correct — counts count what they say, the pathway
 * tells running from final, an adjusted goal is still open, a correction keeps what it does not
 * mention, a pause has a limit the mentor can see, and a write takes the command's clock.
 */
import { describe, expect, it } from 'vitest';
import { supportPeriods } from '../src/domain/support-periods.ts';
import type { Reply } from '../src/reply/reply.ts';
import { rawBoolean } from '../src/store/raw-values.ts';
import type { SqlValue, Store } from '../src/store/store.ts';
import { askAs, DEMO_NOW, errorsOf, freshDemoStore, visibleText } from './support/demo.ts';
import { dumpStore, rows } from './support/store-sql.ts';

const jansen = 'm.jansen@koersmeer.example';
const sarina = 'sarina.elamrani@leerling.koersmeer.example';
const daan = 'daan.visser@leerling.koersmeer.example';
const noor = 'noor.hendriks@leerling.koersmeer.example';

const headers = (reply: Reply) => reply.blocks.flatMap((b) => (b.type === 'header' ? [b.text] : []));
const tables = (reply: Reply) => reply.blocks.flatMap((b) => (b.type === 'table' ? [b] : []));
const lists = (reply: Reply) => reply.blocks.flatMap((b) => (b.type === 'list' ? [b] : []));

const idOf = async (store: Store, sql: string, ...params: SqlValue[]) =>
  (await rows<{ id: number }>(store, sql, params))[0]?.id ?? 0;
const arrangementOf = (store: Store, email: string) =>
  idOf(
    store,
    'select a.id from arrangements a join students s on s.id = a.student_id where s.email = ? order by a.id',
    email,
  );
const openGoalOf = (store: Store, email: string) =>
  idOf(
    store,
    "select g.id from goals g join students s on s.id = g.student_id where s.email = ? and g.status = 'open' order by g.id limit 1",
    email,
  );
const reflectionOf = async (store: Store, email: string, week: string) => {
  const [row] = await rows(
    store,
    `select r.id, r.welbevinden, r.motivatie, r.grip, r.uitdaging, r.learning_strategy, r.went_well, r.next_step, r.wants_talk
     from reflections r join students s on s.id = r.student_id where s.email = ? and r.iso_week = ?`,
    [email, week],
  );
  return row && ({ ...row, wants_talk: rawBoolean(row.wants_talk) } as Record<string, unknown>);
};

describe('counts count what they say', () => {
  it('"lopende arrangementen" leaves out a proposed one, which is listed apart', async () => {
    const store = await freshDemoStore();
    const before = headers(await askAs(store, jansen, 'arrangement'))[0];
    expect(before).toBe('3 lopende arrangementen');
    expect(
      errorsOf(
        await askAs(
          store,
          jansen,
          'arrangement voorstel sarina el amrani --strategie verrijken --vorm plusklas --niveau 2',
        ),
      ),
    ).toEqual([]);
    const after = await askAs(store, jansen, 'arrangement');
    expect(headers(after)).toEqual(['3 lopende arrangementen']);
    expect(lists(after).map((l) => l.title)).toContain(
      '1 arrangement nog niet gestart (voorgesteld of toegewezen)',
    );
    expect(
      lists(after)[0]
        ?.items.map((i) => i.text)
        .join('\n'),
    ).not.toContain('Sarina');
  });

  it('the signals header tells open from seen', async () => {
    const store = await freshDemoStore();
    expect(headers(await askAs(store, jansen, 'signalen'))[0]).toMatch(
      /^\d+ aandachtspunt(en)? \(\d+ open, \d+ gezien\)$|^0 aandachtspunten \(0 open, 0 gezien\)$/,
    );
  });
});

describe('pad: the long view', () => {
  it('part A has a status column, so a current 5,2 reads as running', async () => {
    const store = await freshDemoStore();
    const [partA] = tables(await askAs(store, jansen, 'pad sarina'));
    expect(partA?.columns).toEqual(['Vak', 'Niveau', 'Moment', 'Resultaat', 'Status']);
    expect(partA?.rows.find((row) => row[0]?.startsWith('Frans'))).toEqual([
      'Frans ▲',
      'vwo',
      '2029-06',
      '5,2',
      'loopt',
    ]);
    const [lucas] = tables(await askAs(store, 'p.devries@koersmeer.example', 'pad lucas', { locale: 'en' }));
    expect(lucas?.columns.at(-1)).toBe('Status');
    expect(lucas?.rows.find((row) => row[0] === 'mathematics B')?.at(-1)).toBe('achieved');
  });

  it('a closed arrangement shows start – the day it closed, and its support level in each period', async () => {
    const store = await freshDemoStore();
    const id = await arrangementOf(store, noor);
    const [start] = await rows<{ start_date: string }>(
      store,
      'select start_date from arrangements where id = ?',
      [id],
    );
    expect(start?.start_date).toBe('2026-09-14');
    expect(
      errorsOf(
        await askAs(
          store,
          jansen,
          `arrangement evalueer ${id} --besluit aanpassen --doelen deels --niveau 3`,
        ),
      ),
    ).toEqual([]);
    const later = new Date('2026-11-30T09:00:00Z');
    expect(
      errorsOf(
        await askAs(store, jansen, `arrangement evalueer ${id} --besluit afsluiten --doelen ja`, {
          now: later,
        }),
      ),
    ).toEqual([]);
    const history = tables(await askAs(store, jansen, 'pad noor', { now: later })).at(-1);
    expect(history?.columns).toEqual(['Periode', 'Arrangement', 'Ondersteuningsniveau', 'Status']);
    expect(history?.rows).toEqual([
      ['14 sep 2026 – 30 nov 2026', `#${id} verrijken · plusklas`, '2 → 3', 'afgerond'],
      ['14 sep 2026 – 23 nov 2026', '  ondersteuningsniveau 2', '2', ''],
      ['23 nov 2026', '  evaluatie: aanpassen (doelen gehaald: deels)', '2 → 3', ''],
      ['23 nov 2026 – 30 nov 2026', '  ondersteuningsniveau 3', '3', ''],
      ['30 nov 2026', '  evaluatie: afsluiten (doelen gehaald: ja)', '', ''],
    ]);
  });

  it('an arrangement closed without an evaluation ends on the day it was closed, not its planned end', async () => {
    const store = await freshDemoStore();
    const id = await arrangementOf(store, noor);
    expect(errorsOf(await askAs(store, jansen, `arrangement sluit ${id}`))).toEqual([]);
    const [row] = tables(await askAs(store, jansen, 'pad noor')).at(-1)?.rows ?? [];
    expect(row?.[0]).toBe('14 sep 2026 – 23 nov 2026');
  });

  it('periods follow the level changes, an unknown earlier level stays unknown', () => {
    const arrangement = { startDate: '2026-01-05', closedOn: null, supportLevel: 3 };
    expect(supportPeriods(arrangement, [])).toEqual([{ from: '2026-01-05', to: null, level: 3 }]);
    expect(
      supportPeriods(arrangement, [
        { date: '2026-02-01', supportLevelBefore: null, supportLevelAfter: null },
        { date: '2026-03-01', supportLevelBefore: null, supportLevelAfter: 3 },
      ]),
    ).toEqual([
      { from: '2026-01-05', to: '2026-03-01', level: null },
      { from: '2026-03-01', to: null, level: 3 },
    ]);
  });
});

describe('an adjusted goal is still open', () => {
  it('doel wijzig --status bijgesteld keeps it among the open goals, on the card and in the counts', async () => {
    const store = await freshDemoStore();
    const id = await openGoalOf(store, sarina);
    const caseloadRow = async () =>
      tables(await askAs(store, jansen, 'mijn'))[0]?.rows.find((row) => row[0] === 'Sarina El Amrani');
    const openBefore = (await caseloadRow())?.[3];
    expect(errorsOf(await askAs(store, jansen, `doel wijzig ${id} --status bijgesteld`))).toEqual([]);
    expect(await rows(store, 'select status, closed_at from goals where id = ?', [id])).toEqual([
      { status: 'bijgesteld', closed_at: null },
    ]);
    const goals = lists(await askAs(store, jansen, 'doelen sarina'));
    expect(goals[0]?.items.map((i) => i.text)).toContainEqual(expect.stringMatching(new RegExp(`^#${id} `)));
    expect(goals[1]?.items.map((i) => i.text)).not.toContainEqual(
      expect.stringMatching(new RegExp(`^#${id} `)),
    );
    const card = lists(await askAs(store, jansen, 'leerling sarina')).find((l) => l.title === 'Open doelen');
    expect(card?.items.map((i) => i.text)).toContainEqual(expect.stringMatching(new RegExp(`^#${id} `)));
    expect((await caseloadRow())?.[3]).toBe(openBefore);
  });
});

describe('the pathway card', () => {
  it('shows the challenge answers of the recent weeks next to the trend', async () => {
    const store = await freshDemoStore();
    const card = await askAs(store, jansen, 'leerling noor');
    const trendAt = card.blocks.findIndex((b) => b.type === 'trend');
    const next = card.blocks[trendAt + 1];
    expect(next?.type).toBe('fields');
    const value = next?.type === 'fields' ? next.fields[0]?.value : '';
    expect(next?.type === 'fields' && next.fields[0]?.label).toBe('Uitdaging per week');
    expect(value).toMatch(/44 te makkelijk · 45 te makkelijk · 46 te makkelijk · 47 te makkelijk$/);
    const english = visibleText(await askAs(store, jansen, 'student noor', { locale: 'en' }));
    expect(english).toContain('Challenge by week');
    expect(english).toContain('47 too easy');
  });

  it('does not show them to a teacher, who sees no reflections', async () => {
    const store = await freshDemoStore();
    const card = visibleText(await askAs(store, 'p.devries@koersmeer.example', 'leerling sarina'));
    expect(card).not.toContain('Uitdaging');
  });
});

describe('a typed reflection correction', () => {
  it('keeps every answer it does not mention, and takes progress typed per goal', async () => {
    const store = await freshDemoStore();
    const goal = await openGoalOf(store, sarina);
    const before = await reflectionOf(store, sarina, '2026-W47');
    const progressBefore = await rows(
      store,
      'select goal_id, progress from reflection_goal_progress where reflection_id = ? order by goal_id',
      [before?.id as number],
    );
    const answer = await askAs(
      store,
      sarina,
      `reflectie invullen --week 2026-W47 --grip 1 --doel ${goal}=behaald`,
    );
    expect(errorsOf(answer)).toEqual([]);
    expect(await reflectionOf(store, sarina, '2026-W47')).toEqual({ ...before, grip: 1 });
    const progress = await rows<{ goal_id: number; progress: string }>(
      store,
      'select goal_id, progress from reflection_goal_progress where reflection_id = ? order by goal_id',
      [before?.id as number],
    );
    expect(progress).toContainEqual({ goal_id: goal, progress: 'behaald' });
    expect(progress.filter((p) => p.goal_id !== goal)).toEqual(
      (progressBefore as { goal_id: number }[]).filter((p) => p.goal_id !== goal),
    );
  });

  it('accepts progress in English words', async () => {
    const store = await freshDemoStore();
    const goal = await openGoalOf(store, sarina);
    const answer = await askAs(
      store,
      sarina,
      `reflect fill --week 2026-W47 --goal "${goal}=well on the way"`,
      { locale: 'en' },
    );
    expect(errorsOf(answer)).toEqual([]);
    expect(
      await rows(
        store,
        'select progress from reflection_goal_progress where goal_id = ? and reflection_id = ?',
        [goal, (await reflectionOf(store, sarina, '2026-W47'))?.id as number],
      ),
    ).toEqual([{ progress: 'goed-op-weg' }]);
  });

  it("refuses another student's goal with a clear message, and writes nothing", async () => {
    const store = await freshDemoStore();
    const foreign = await openGoalOf(store, daan);
    const before = await dumpStore(store);
    const answer = await askAs(
      store,
      sarina,
      `reflectie invullen --week 2026-W47 --grip 2 --doel ${foreign}=behaald`,
    );
    expect(errorsOf(answer)).toEqual([
      `Doel #${foreign} is niet een van je open doelen; er is niets opgeslagen. Je open doelen zie je met: doelen`,
    ]);
    expect(await dumpStore(store)).toBe(before);
    const english = await askAs(store, sarina, `reflect fill --week 2026-W47 --goal ${foreign}=achieved`, {
      locale: 'en',
    });
    expect(errorsOf(english)[0]).toMatch(/^Goal #\d+ is not one of your open goals; nothing was saved/);
  });

  it('a first reflection of the week still needs the four answers', async () => {
    const store = await freshDemoStore();
    const before = await dumpStore(store);
    expect(errorsOf(await askAs(store, sarina, 'reflectie invullen --grip 2'))).toEqual([
      'Je hebt deze week nog geen reflectie ingevuld; geef ook --welbevinden, --motivatie en --uitdaging.',
    ]);
    expect(await dumpStore(store)).toBe(before);
  });
});

describe('a pause', () => {
  it('lasts at most six weeks when the student sets it', async () => {
    const store = await freshDemoStore();
    const before = await dumpStore(store);
    expect(errorsOf(await askAs(store, daan, 'instellingen pauze 1 maart'))).toEqual([
      'Je kunt de weekreflectie hoogstens 6 weken pauzeren, tot en met 4 jan 2027. Voor een langere pauze kun je je mentor vragen.',
    ]);
    expect(await dumpStore(store)).toBe(before);
    expect(errorsOf(await askAs(store, daan, 'instellingen pauze 4 januari'))).toEqual([]);
  });

  it('may last longer when the mentor sets it, for her own mentee only, up to a year', async () => {
    const store = await freshDemoStore();
    expect(
      errorsOf(await askAs(store, jansen, 'instellingen pauze 1 maart --leerling "Daan Visser"')),
    ).toEqual([]);
    const [daanRow] = await rows<{ pausedUntil: string }>(
      store,
      `select paused_until as "pausedUntil" from students where email = 'daan.visser@leerling.koersmeer.example'`,
    );
    expect(daanRow?.pausedUntil).toBe('2027-03-01');
    const before = await dumpStore(store);
    // Not without end, not for another mentor's student, not without saying whom.
    expect(
      errorsOf(await askAs(store, jansen, 'instellingen pauze 1 maart 2028 --leerling "Daan Visser"')),
    ).toEqual(['Een pauze kan hoogstens 52 weken duren, tot en met 22 nov 2027.']);
    expect(
      errorsOf(await askAs(store, jansen, 'instellingen pauze 1 maart --leerling "Milan Peters"')),
    ).toEqual(['Je mag deze leerling bekijken, maar niet wijzigen.']);
    expect(errorsOf(await askAs(store, jansen, 'instellingen pauze 1 maart'))).toEqual([
      'Voor welke mentorleerling? Bijvoorbeeld: instellingen pauze 3 januari --leerling "Daan Visser"',
    ]);
    expect(errorsOf(await askAs(store, daan, 'instellingen pauze 1 december --leerling noor'))).toEqual([
      'Je kunt alleen je eigen weekreflectie pauzeren.',
    ]);
    expect(await dumpStore(store)).toBe(before);
    expect(
      errorsOf(
        await askAs(
          store,
          jansen,
          'instellingen pauze uit --leerling daan.visser@leerling.koersmeer.example',
        ),
      ),
    ).toEqual([]);
  });

  it('shows the mentor which mentees paused and until when', async () => {
    const store = await freshDemoStore();
    await askAs(store, daan, 'instellingen pauze 10 december');
    const settings = lists(await askAs(store, jansen, 'instellingen'));
    expect(settings).toEqual([
      expect.objectContaining({
        title: 'Gepauzeerde mentorleerlingen',
        items: [{ text: 'Daan Visser', detail: 'gepauzeerd tot en met 10 dec 2026' }],
      }),
    ]);
  });
});

describe("a write takes the command's clock", () => {
  it('a talk request queued at a simulated time is due at that time', async () => {
    const store = await freshDemoStore();
    const now = new Date('2026-11-27T14:00:00Z');
    expect(now.getTime()).not.toBe(DEMO_NOW.getTime());
    const answer = await askAs(
      store,
      sarina,
      'reflectie invullen --welbevinden 2 --motivatie 3 --grip 3 --uitdaging precies-goed --praten ja',
      { now },
    );
    expect(errorsOf(answer)).toEqual([]);
    expect(
      await rows(
        store,
        "select not_before, created_at from outbox where cast(payload as text) like '%talkRequest%' order by id desc limit 1",
      ),
    ).toEqual([{ not_before: now.toISOString(), created_at: now.toISOString() }]);
  });
});
