/** What the reading commands show on the demo school. */
import { describe, expect, it } from 'vitest';
import { askAs, errorsOf, freshDemoStore } from './support/demo.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const jansen = 'm.jansen@koersmeer.example';

const tableOf = (answer: Awaited<ReturnType<typeof askAs>>) => {
  const table = answer.blocks.find((b) => b.type === 'table');
  return table?.type === 'table' ? table : undefined;
};

describe('mijn', () => {
  it("lists a mentor's own group, students with open signals first", async () => {
    const store = await freshDemoStore();
    await arrangeIn(
      store,
      `insert into signals (student_id, kind, severity, evidence, first_seen_at, last_seen_at, status)
       values (2, 'gespreksverzoek', 'urgent', '{}', '2026-11-20T12:00:00.000Z', '2026-11-20T12:00:00.000Z', 'open')`,
    );
    const table = tableOf(await askAs(store, jansen, 'mijn'));
    expect(table?.rows).toHaveLength(25);
    expect(table?.rows[0]?.slice(0, 3)).toEqual(['Daan Visser', '3H', '1 (1 urgent)']);
    expect(table?.rows.every((row) => row[1] === '3H')).toBe(true);
  });

  it("lists a care coordinator's students with an arrangement", async () => {
    const store = await freshDemoStore();
    const names = tableOf(await askAs(store, 'z.bos@koersmeer.example', 'caseload'))?.rows.map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining(['Milan Peters', 'Noor Hendriks']));
    expect(names).not.toContain('Sarina El Amrani');
    expect(names).not.toContain('Lucas Bakker');
  });

  it('is not for a team leader', async () => {
    const store = await freshDemoStore();
    expect(errorsOf(await askAs(store, 't.smit@koersmeer.example', 'mijn'))).toEqual([
      "Het commando 'mijn' is niet beschikbaar in jouw rol. Typ help voor wat je wel kunt.",
    ]);
  });
});

describe('leerling', () => {
  it("shows each goal's progress from the student's latest reflection", async () => {
    const store = await freshDemoStore();
    const [latest] = await rows<{ progress: string }>(
      store,
      `select rgp.progress from reflection_goal_progress rgp join reflections r on r.id = rgp.reflection_id
       where rgp.goal_id = 2 order by r.iso_week desc limit 1`,
    );
    expect(latest?.progress).toBe('goed-op-weg');
    await arrangeIn(
      store,
      `update reflection_goal_progress set progress = 'een-beetje' where goal_id = 2 and reflection_id =
       (select id from reflections where student_id = 1 order by iso_week desc limit 1)`,
    );
    const items = (await askAs(store, jansen, 'leerling sarina')).blocks.flatMap((b) =>
      b.type === 'list' ? b.items : [],
    );
    expect(items.find((i) => i.text.startsWith('#2 '))?.detail).toMatch(/een beetje$/);
    expect(items.find((i) => i.text.startsWith('#3 '))?.detail).toMatch(/goed op weg$/);
  });

  it("shows Daan's missed weeks as gaps in his trend", async () => {
    const store = await freshDemoStore();
    const trend = (await askAs(store, jansen, 'leerling daan visser')).blocks.find((b) => b.type === 'trend');
    const wellbeing = trend?.type === 'trend' ? trend.series[0]?.values : [];
    expect(wellbeing).toEqual([4, 4, 3, 3, 2, 2, null, null]);
  });
});

describe('pad', () => {
  it("shows Lucas's finished acceleration in the history of arrangements", async () => {
    const store = await freshDemoStore();
    const answer = await askAs(store, 'p.devries@koersmeer.example', 'pad lucas');
    const tables = answer.blocks.filter((b) => b.type === 'table');
    const history = tables.find((t) => t.type === 'table' && t.caption === 'Arrangementen en ondersteuning');
    expect(JSON.stringify(history)).toMatch(/versnellen · vak op hoger niveau.*afgerond/);
  });

  it("shows Kelly's work placement in part B with its competences", async () => {
    const store = await freshDemoStore();
    const answer = await askAs(store, 'f.yilmaz@koersmeer.example', 'pathway kelly', { locale: 'en' });
    const partB = answer.blocks.find(
      (b) => b.type === 'list' && b.title === 'Part B: activities and competences',
    );
    expect(JSON.stringify(partB)).toContain('work placement');
  });
});

describe('help', () => {
  it('explains one command with its usage and an example', async () => {
    const store = await freshDemoStore();
    const answer = await askAs(store, jansen, 'help doelen');
    const texts = answer.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
    expect(texts).toContain('doel behaald <nummer>');
    expect(texts).toContain('Voorbeeld: doel behaald 12');
  });
});
