/** What the reading commands show on the demo school. */
import { describe, expect, it } from 'vitest';
import { askAs, errorsOf, freshDemo } from './support/demo.ts';

const jansen = 'm.jansen@koersmeer.example';

const tableOf = (answer: Awaited<ReturnType<typeof askAs>>) => {
  const table = answer.blocks.find((b) => b.type === 'table');
  return table?.type === 'table' ? table : undefined;
};

describe('mijn', () => {
  it("lists a mentor's own group, students with open signals first", async () => {
    const { store } = await freshDemo();
    store.$client
      .prepare(
        `insert into signals (student_id, kind, severity, evidence, first_seen_at, last_seen_at, status)
         values (2, 'gespreksverzoek', 'urgent', '{}', '2026-11-20T12:00:00.000Z', '2026-11-20T12:00:00.000Z', 'open')`,
      )
      .run();
    const table = tableOf(await askAs(store, jansen, 'mijn'));
    expect(table?.rows).toHaveLength(25);
    expect(table?.rows[0]?.slice(0, 3)).toEqual(['Daan Visser', '3H', '1 (1 urgent)']);
    expect(table?.rows.every((row) => row[1] === '3H')).toBe(true);
  });

  it("lists a care coordinator's students with an arrangement", async () => {
    const { store } = await freshDemo();
    const names = tableOf(await askAs(store, 'z.bos@koersmeer.example', 'caseload'))?.rows.map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining(['Milan Peters', 'Noor Hendriks']));
    expect(names).not.toContain('Sarina El Amrani');
    expect(names).not.toContain('Lucas Bakker');
  });

  it('is not for a team leader', async () => {
    const { store } = await freshDemo();
    expect(errorsOf(await askAs(store, 't.smit@koersmeer.example', 'mijn'))).toEqual([
      "Het commando 'mijn' is niet beschikbaar in jouw rol. Typ help voor wat je wel kunt.",
    ]);
  });
});

describe('pad', () => {
  it("shows Lucas's finished acceleration in the history of arrangements", async () => {
    const { store } = await freshDemo();
    const answer = await askAs(store, 'p.devries@koersmeer.example', 'pad lucas');
    const tables = answer.blocks.filter((b) => b.type === 'table');
    const history = tables.find((t) => t.type === 'table' && t.caption === 'Arrangementen en ondersteuning');
    expect(JSON.stringify(history)).toMatch(/versnellen · vak op hoger niveau.*afgerond/);
  });

  it("shows Kelly's work placement in part B with its competences", async () => {
    const { store } = await freshDemo();
    const answer = await askAs(store, 'f.yilmaz@koersmeer.example', 'pathway kelly', { locale: 'en' });
    const partB = answer.blocks.find(
      (b) => b.type === 'list' && b.title === 'Part B: activities and competences',
    );
    expect(JSON.stringify(partB)).toContain('work placement');
  });
});

describe('help', () => {
  it('explains one command with its usage and an example', async () => {
    const { store } = await freshDemo();
    const answer = await askAs(store, jansen, 'help doelen');
    const texts = answer.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
    expect(texts).toContain('doel behaald <nummer>');
    expect(texts).toContain('Voorbeeld: doel behaald 12');
  });
});
