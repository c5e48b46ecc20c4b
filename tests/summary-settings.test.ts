/**
 * `instellingen samenvatting`: a team's indicators and targets (at most five), set by its team
 * leader or an administrator, checked as a whole, audited, and refused with nothing written.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../src/i18n/translate.ts';
import { renderText } from '../src/render/text.ts';
import { rawJson } from '../src/store/raw-values.ts';
import type { Store } from '../src/store/store.ts';
import { askAs, errorsOf, freshDemoStore } from './support/demo.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const smit = 't.smit@koersmeer.example';
const beheer = 'beheer@koersmeer.example';
const jansen = 'm.jansen@koersmeer.example';

const chosen = (store: Store, team = 'Bovenbouw') =>
  rows<{ position: number; indicator: string; target: number }>(
    store,
    `select ti.position, ti.indicator, ti.target from team_indicators ti join teams t on t.id = ti.team_id
       where t.name = ? order by ti.position`,
    [team],
  );

const audit = (store: Store) =>
  rows<{ action: string; subject: string; studentId: number | null; detail: unknown }>(
    store,
    'select action, subject, student_id as "studentId", detail from audit_log order by id',
  );

async function otherTeam(store: Store) {
  await arrangeIn(
    store,
    "insert into teams (school_id, name) select school_id, 'Onderbouw' from teams where name = 'Bovenbouw'",
  );
}

describe('instellingen samenvatting', () => {
  it("shows the team's indicators and targets", async () => {
    const store = await freshDemoStore();
    const reply = await askAs(store, smit, 'instellingen samenvatting');
    expect(reply.outcome).toBe('ok');
    const text = renderText(reply);
    expect(text).toContain('Indicatoren voor de samenvatting van team Bovenbouw');
    expect(text).toMatch(/welbevinden 4–5 +75%/);
    expect(text).toMatch(/uitdaging precies goed +60%/);
    expect(text).toMatch(/responspercentage +90%/);
    const english = renderText(await askAs(store, smit, 'settings summary', { locale: 'en' }));
    expect(english).toMatch(/wellbeing 4–5 +75%/);
  });

  it('sets a target, adds an indicator, and audits each change; the summary then uses it', async () => {
    const store = await freshDemoStore();
    const before = (await audit(store)).length;
    const set = await askAs(store, smit, 'instellingen samenvatting welbevinden-hoog 80');
    expect(set.outcome).toBe('ok');
    const added = await askAs(store, smit, 'instellingen samenvatting motivatie 70%');
    expect(errorsOf(added)).toEqual([]);
    expect(await chosen(store)).toEqual([
      { position: 1, indicator: 'welbevinden-hoog', target: 0.8 },
      { position: 2, indicator: 'uitdaging-precies-goed', target: 0.6 },
      { position: 3, indicator: 'responspercentage', target: 0.9 },
      { position: 4, indicator: 'motivatie-hoog', target: 0.7 },
    ]);
    const entries = (await audit(store)).slice(before);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      action: 'update',
      subject: 'instellingen samenvatting',
      studentId: null,
    });
    expect(rawJson(entries[1]?.detail ?? '{}')).toMatchObject({
      indicators: 'motivatie-hoog',
      target: 0.7,
    });
    const summary = renderText(await askAs(store, smit, 'samenvatting'));
    expect(summary).toContain('welbevinden 4–5: 88% (ambitie 80%)');
    expect(summary).toContain('motivatie 4–5: 84% (ambitie 70%)');
  });

  it('removes one, keeping the others in order', async () => {
    const store = await freshDemoStore();
    await askAs(store, smit, 'instellingen samenvatting welbevinden-hoog uit');
    expect((await chosen(store)).map((e) => [e.position, e.indicator])).toEqual([
      [1, 'uitdaging-precies-goed'],
      [2, 'responspercentage'],
    ]);
  });

  it('refuses a sixth indicator, and writes nothing', async () => {
    const store = await freshDemoStore();
    await askAs(store, smit, 'instellingen samenvatting motivatie-hoog 70');
    await askAs(store, smit, 'instellingen samenvatting grip-hoog 60');
    expect(await chosen(store)).toHaveLength(5);
    const before = (await audit(store)).length;
    const sixth = await askAs(store, smit, 'instellingen samenvatting doelen-behaald 50');
    expect(sixth.outcome).toBe('refused');
    expect(errorsOf(sixth)[0]).toContain('hoogstens 5 indicatoren');
    expect(errorsOf(sixth)[0]).toContain('doelen behaald');
    expect(await chosen(store)).toHaveLength(5);
    expect((await audit(store)).length).toBe(before);
    // Changing the target of one of the five is still possible.
    expect((await askAs(store, smit, 'instellingen samenvatting grip-hoog 65')).outcome).toBe('ok');
  });

  it('refuses a percentage out of range and a word that is no indicator', async () => {
    const store = await freshDemoStore();
    expect((await askAs(store, smit, 'instellingen samenvatting welbevinden-hoog 150')).outcome).toBe(
      'refused',
    );
    expect((await askAs(store, smit, 'instellingen samenvatting geluk 80')).outcome).toBe('refused');
    expect((await chosen(store)).map((e) => e.target)).toEqual([0.75, 0.6, 0.9]);
  });

  it('refuses a mentor: not her role', async () => {
    const store = await freshDemoStore();
    const reply = await askAs(store, jansen, 'instellingen samenvatting welbevinden-hoog 50');
    expect(errorsOf(reply)).toEqual([
      translate('nl', 'access.commandNotForYou', { command: 'instellingen samenvatting' }),
    ]);
    expect((await chosen(store)).map((e) => e.target)).toEqual([0.75, 0.6, 0.9]);
  });

  it("refuses a team leader another team's choice, writes the attempt down; an administrator may", async () => {
    const store = await freshDemoStore();
    await otherTeam(store);
    const reply = await askAs(store, smit, 'instellingen samenvatting welbevinden-hoog 50 --team Onderbouw');
    expect(errorsOf(reply)).toEqual([translate('nl', 'summary.settings.notYourTeam', { team: 'Onderbouw' })]);
    expect(await chosen(store, 'Onderbouw')).toEqual([]);
    expect((await audit(store)).at(-1)).toMatchObject({
      action: 'refused',
      subject: 'instellingen samenvatting',
    });
    const admin = await askAs(
      store,
      beheer,
      'instellingen samenvatting welbevinden-hoog 50 --team Onderbouw',
    );
    expect(admin.outcome).toBe('ok');
    expect(await chosen(store, 'Onderbouw')).toEqual([
      { position: 1, indicator: 'welbevinden-hoog', target: 0.5 },
    ]);
    // With two teams, an administrator names the team.
    expect((await askAs(store, beheer, 'instellingen samenvatting')).outcome).toBe('refused');
  });
});
