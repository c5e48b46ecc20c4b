/**
 * `instellingen drempels`: an administrator sets the signal thresholds of the school or a team, a
 * team leader those of their own team; what is set is checked as a whole, audited, and is what
 * the next sweep uses. (Invalid numbers leaving the database as it was: tests/changes.test.ts.)
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { signalKinds } from '../src/domain/enums.ts';
import { alwaysOn, thresholdFields } from '../src/domain/signals/thresholds.ts';
import { thresholdFieldLabels } from '../src/i18n/threshold-words.ts';
import { translate } from '../src/i18n/translate.ts';
import { signalsJob } from '../src/jobs/signals.ts';
import type { Reply } from '../src/reply/reply.ts';
import type { Store } from '../src/store/database.ts';
import { rawBoolean, rawJson } from '../src/store/raw-values.ts';
import { askAs, errorsOf, freshDemoStore, visibleText } from './support/demo.ts';
import { arrangeIn, dumpStore, rows } from './support/store-sql.ts';

const beheer = 'beheer@koersmeer.example';
const smit = 't.smit@koersmeer.example';

const successes = (reply: Reply) =>
  reply.blocks.flatMap((b) => (b.type === 'text' && b.tone === 'success' ? [b.text] : []));
const thresholds = async (store: Store) =>
  (
    await rows<{ team_id: number | null; kind: string; enabled: unknown; params: unknown }>(
      store,
      'select team_id, kind, enabled, params from signal_thresholds order by id',
    )
  ).map((row) => ({ ...row, enabled: rawBoolean(row.enabled), params: rawJson(row.params) }));
const tableRow = (reply: Reply, label: string) => {
  const table = reply.blocks.find((b) => b.type === 'table');
  return table?.type === 'table' ? table.rows.find((row) => row[0] === label) : undefined;
};

describe('instellingen drempels', () => {
  it('shows the values in force, each default marked', async () => {
    const store = await freshDemoStore();
    const reply = await askAs(store, beheer, 'instellingen drempels');
    expect(errorsOf(reply)).toEqual([]);
    expect(reply.blocks[0]).toEqual({
      type: 'header',
      text: 'Drempels voor aandachtspunten: de hele school',
    });
    expect(tableRow(reply, 'welbevinden daalt')).toEqual([
      'welbevinden daalt',
      'aan*',
      'recent 3* · basis 5* · daling 1* · laag-tot 2* · aantal-laag 2*',
    ]);
    expect(tableRow(reply, 'geen gesprek')).toEqual(['geen gesprek', 'uit*', 'weken 8*']);
    expect(visibleText(reply)).toContain('Met *: de standaardwaarde.');
  });

  it('an administrator changes a school threshold: written, audited without a student, and shown', async () => {
    const store = await freshDemoStore();
    const reply = await askAs(store, beheer, 'instellingen drempels welbevinden daalt daling 1,5 recent 4');
    expect(successes(reply)).toEqual([
      'Aangepast voor de hele school: welbevinden daalt. De dagelijkse controle gebruikt de nieuwe waarden vanaf morgenochtend.',
    ]);
    expect(await thresholds(store)).toEqual([
      { team_id: null, kind: 'welbevinden-daalt', enabled: true, params: { drop: 1.5, recent: 4 } },
    ]);
    expect(tableRow(reply, 'welbevinden daalt')?.[2]).toBe(
      'recent 4 · basis 5* · daling 1,5 · laag-tot 2* · aantal-laag 2*',
    );
    const [audit] = await rows<{ action: string; subject: string; student_id: null; detail: unknown }>(
      store,
      'select action, subject, student_id, detail from audit_log order by id desc limit 1',
    );
    expect(audit).toMatchObject({ action: 'update', subject: 'instellingen drempels', student_id: null });
    expect(rawJson(audit?.detail)).toEqual({
      thresholds: 'welbevinden-daalt',
      teamId: null,
      fields: ['drop', 'recent'],
      reset: false,
    });

    // Back to the defaults: the override is gone.
    await askAs(store, beheer, 'instellingen drempels welbevinden-daalt standaard');
    expect(await thresholds(store)).toEqual([]);
  });

  it('a team leader overrides for his own team, which keeps what the school set for the rest', async () => {
    const store = await freshDemoStore();
    await askAs(store, beheer, 'instellingen drempels te-weinig-uitdaging van-laatste 5');
    const reply = await askAs(store, smit, 'instellingen drempels te weinig uitdaging aantal 2 uit');
    expect(successes(reply)).toEqual([expect.stringContaining('voor team Bovenbouw')]);
    expect(await thresholds(store)).toEqual([
      { team_id: null, kind: 'te-weinig-uitdaging', enabled: true, params: { outOf: 5 } },
      { team_id: 1, kind: 'te-weinig-uitdaging', enabled: false, params: { count: 2 } },
    ]);
    expect(tableRow(reply, 'te weinig uitdaging')).toEqual([
      'te weinig uitdaging',
      'uit',
      'aantal 2 · van-laatste 5',
    ]);
    // The administrator sees the same team with --team, in English too.
    const english = await askAs(store, beheer, 'settings thresholds --team bovenbouw', { locale: 'en' });
    expect(tableRow(english, 'too little challenge')).toEqual([
      'too little challenge',
      'off',
      'count 2 · out-of-last 5',
    ]);
  });

  it('a school change must still fit every team that overrides part of it', async () => {
    const store = await freshDemoStore();
    await askAs(store, smit, 'instellingen drempels te-weinig-uitdaging aantal 4');
    const before = await dumpStore(store);
    const reply = await askAs(store, beheer, 'instellingen drempels te-weinig-uitdaging van-laatste 3');
    expect(errorsOf(reply)).toEqual([
      'Niet opgeslagen. Het past niet bij de eigen instellingen van team Bovenbouw. Bij te weinig uitdaging mag aantal niet groter zijn dan van-laatste.',
    ]);
    expect(await dumpStore(store)).toBe(before);
  });

  it('says which number is wrong and what it takes', async () => {
    const store = await freshDemoStore();
    const errors = async (line: string, locale?: 'en') =>
      errorsOf(await askAs(store, beheer, line, locale ? { locale } : {}));
    expect(await errors('instellingen drempels welbevinden-daalt daling 9')).toEqual([
      'Niet opgeslagen. De drempel daling bij welbevinden daalt moet tussen 0,1 en 4 liggen.',
    ]);
    expect(await errors('instellingen drempels reflecties-gemist weken-op-rij 0')).toEqual([
      'Niet opgeslagen. De drempel weken-op-rij bij reflecties gemist moet een geheel getal van 1 tot en met 20 zijn.',
    ]);
    expect(await errors('settings thresholds grade-at-a-higher-level below 11', 'en')).toEqual([
      'Not saved. The threshold below of grade at a higher level must be between 1 and 10.',
    ]);
    expect(await errors('instellingen drempels doel-verlopen weken 3')).toEqual([
      "Er is geen drempel 'weken' bij doel verlopen. Mogelijk: aan, uit, standaard.",
    ]);
    expect((await errors('instellingen drempels pesten uit'))[0]).toMatch(
      /^'pesten' is geen soort aandachtspunt\. Kies uit: gespreksverzoek, welbevinden-daalt, /,
    );
  });

  it('accepts every word the English overview shows', async () => {
    const store = await freshDemoStore();
    for (const kind of signalKinds) {
      // The label as shown, unquoted, several words and all.
      const label = translate('en', `enum.signalKind.${kind}`);
      const fields = thresholdFields(kind).flatMap((field) => [
        translate('en', thresholdFieldLabels[field] ?? ''),
        '3',
      ]);
      // A talk request is always on; its label is accepted with `on`.
      const onOff = alwaysOn.includes(kind) ? 'on' : 'off';
      const line = `settings thresholds ${label} ${onOff} ${fields.join(' ')}`;
      const reply = await askAs(store, beheer, line, { locale: 'en' });
      expect(errorsOf(reply), line).toEqual([]);
    }
    const written = await thresholds(store);
    expect(written.map((row) => row.kind)).toEqual([...signalKinds]);
    expect(written.every((row) => row.enabled === (alwaysOn as readonly string[]).includes(row.kind))).toBe(
      true,
    );
  });

  it('refuses a team leader another team and the school, and staff without the role; nothing written', async () => {
    const store = await freshDemoStore();
    await arrangeIn(store, "insert into teams (school_id, name) values (1, 'Onderbouw')");
    const before = await rows(store, 'select * from signal_thresholds order by id');
    expect(
      errorsOf(await askAs(store, smit, 'instellingen drempels --team onderbouw geen-gesprek aan')),
    ).toEqual(['Je kunt alleen de drempels van je eigen team aanpassen.']);
    expect(errorsOf(await askAs(store, smit, 'instellingen drempels --school geen-gesprek aan'))).toEqual([
      'De drempels van de hele school stelt een beheerder in. Jij kunt de drempels van je eigen team aanpassen.',
    ]);
    // Both attempts leave a trace.
    const refused = await rows<{ subject: string; detail: unknown }>(
      store,
      "select subject, detail from audit_log where action = 'refused' order by id desc limit 2",
    );
    expect(refused.map((row) => ({ ...row, detail: rawJson(row.detail) }))).toEqual([
      { subject: 'instellingen drempels', detail: { reason: 'denied' } },
      { subject: 'instellingen drempels', detail: { reason: 'denied' } },
    ]);
    for (const email of ['m.jansen@koersmeer.example', 'sarina.elamrani@leerling.koersmeer.example'])
      expect(errorsOf(await askAs(store, email, 'instellingen drempels geen-gesprek aan'))).toEqual([
        expect.stringContaining('is niet beschikbaar in jouw rol'),
      ]);
    expect(await rows(store, 'select * from signal_thresholds order by id')).toEqual(before);
  });
});

describe('what the sweep opens', () => {
  const sweepKinds = async (store: Store) => {
    await signalsJob.run({
      store,
      now: DateTime.fromISO('2026-11-23T07:00', { zone: 'Europe/Amsterdam' }),
      platforms: ['local'],
      senders: [],
    });
    return rows<{ name: string; kind: string }>(
      store,
      'select s.first_name as name, x.kind as kind from signals x join students s on s.id = x.student_id order by x.id',
    );
  };

  it('follows a changed threshold: a team’s grade limit, the school switching a kind on and one off', async () => {
    const defaults = await sweepKinds(await freshDemoStore());
    expect(defaults).toContainEqual({ name: 'Sarina', kind: 'cijfer-op-hoger-niveau' });
    expect(defaults).toContainEqual({ name: 'Noor', kind: 'te-weinig-uitdaging' });
    expect(defaults.filter((s) => s.kind === 'geen-gesprek')).toEqual([]);

    const store = await freshDemoStore();
    // Sarina's 5,2 is not below 5; Noor's boredom is not looked for; two weeks without a coaching conversation now are.
    for (const [email, line] of [
      [smit, 'instellingen drempels cijfer-op-hoger-niveau onder 5'],
      [beheer, 'instellingen drempels te-weinig-uitdaging uit'],
      [beheer, 'instellingen drempels geen-gesprek aan weken 2'],
    ] as const)
      expect(errorsOf(await askAs(store, email, line))).toEqual([]);
    const changed = await sweepKinds(store);
    expect(changed).not.toContainEqual({ name: 'Sarina', kind: 'cijfer-op-hoger-niveau' });
    expect(changed.filter((s) => s.kind === 'te-weinig-uitdaging')).toEqual([]);
    expect(changed.filter((s) => s.kind === 'geen-gesprek').length).toBeGreaterThan(0);
  });
});
