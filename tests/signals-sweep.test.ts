/**
 * The signals of PRODUCT.md section 4 on the demo school: what the daily sweep opens, each
 * explained by the seeded data it comes from; that it opens nothing twice; that a change made
 * through a command opens or resolves a signal in the same step; and that a week whose prompt
 * never reached the student is not a missed week.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { signalKinds } from '../src/domain/enums.ts';
import { evaluateStudent, factsNeeded, timeDrivenKinds } from '../src/domain/signals/rules.ts';
import { defaultThresholds } from '../src/domain/signals/thresholds.ts';
import { findJob } from '../src/jobs/registry.ts';
import type { Store } from '../src/store/database.ts';
import { rawJson } from '../src/store/raw-values.ts';
import { signalFactsLoader, studentsToSweep } from '../src/store/signal-facts.ts';
import { askAs, errorsOf, freshDemoStore } from './support/demo.ts';
import { sweep } from './support/signals.ts';
import { arrangeIn, dumpStore, rows } from './support/store-sql.ts';

const ZONE = 'Europe/Amsterdam';

async function weeklyPrompts(store: Store, at: string) {
  const job = findJob('weekly-prompts');
  if (!job) throw new Error('no weekly-prompts job');
  return job.run({ store, now: DateTime.fromISO(at, { zone: ZONE }), platforms: ['local'], senders: [] });
}

type Row = { student: string; kind: string; status: string };

function signalsOf(store: Store, status = 'open'): Promise<Row[]> {
  return rows<Row>(
    store,
    `select s.first_name || ' ' || s.last_name as student, x.kind, x.status from signals x
     join students s on s.id = x.student_id where x.status = ? order by s.id, x.kind`,
    [status],
  );
}

const daan = 'daan.visser@leerling.koersmeer.example';

describe('the daily sweep on the demo school', () => {
  it('opens exactly the signals the seeded stories ask for, and a second sweep opens nothing', async () => {
    const store = await freshDemoStore();
    expect(await signalsOf(store)).toEqual([]);
    const first = await sweep(store, '2026-11-23T06:30');
    expect((await signalsOf(store)).map(({ student, kind }) => [student, kind])).toEqual([
      // A 5,2 for French, taken at vwo level while she is in havo 3.
      ['Sarina Amrani', 'cijfer-op-hoger-niveau'],
      // Wellbeing 4,4,3,3,2,2 and motivation with it, then no answer to the prompts of weeks 46 and 47.
      ['Daan Visser', 'motivatie-daalt'],
      ['Daan Visser', 'reflecties-gemist'],
      ['Daan Visser', 'welbevinden-daalt'],
      // Te makkelijk in each of her last four reflections.
      ['Noor Hendriks', 'te-weinig-uitdaging'],
      // The seeded filler: motivation 4 in five weeks, then 3 in the last three (a drop of 1.0).
      ['Ayoub Kuipers', 'motivatie-daalt'],
      // His goal's target date (2 November) passed, and his arrangement's evaluation is three weeks overdue.
      ['Milan Peters', 'doel-verlopen'],
      ['Milan Peters', 'evaluatie-verlopen'],
      // She ticked "Ik wil graag met mijn mentor praten" in her last reflection.
      ['Yara Wijaya', 'gespreksverzoek'],
    ]);
    expect(first).toMatchObject({ students: 75, opened: 9, resolved: 0 });
    const again = await sweep(store, '2026-11-23T06:30');
    expect(again).toMatchObject({ opened: 0, refreshed: 0, resolved: 0 });
    // A day later only time has moved: Kelly's goal due on 23 November is now overdue.
    const nextDay = await sweep(store, '2026-11-24T06:30');
    expect(nextDay).toMatchObject({ opened: 1, resolved: 0 });
    expect(await signalsOf(store)).toContainEqual({
      student: 'Kelly Mulder',
      kind: 'doel-verlopen',
      status: 'open',
    });
  });

  it('stores evidence in words and a next step, never what a student wrote', async () => {
    const store = await freshDemoStore();
    await sweep(store, '2026-11-23T06:30');
    const evidence = await rows<{ evidence: unknown }>(store, 'select evidence from signals order by id');
    const texts = await rows<{ a: string; b: string | null }>(
      store,
      'select went_well as a, next_step as b from reflections where went_well is not null',
    );
    expect(texts.length).toBeGreaterThan(0);
    for (const { evidence: stored } of evidence) {
      const json = JSON.stringify(rawJson(stored));
      expect(rawJson(stored)).toMatchObject({
        facts: expect.any(Array),
        nextStep: { key: expect.any(String) },
      });
      for (const { a, b } of texts) {
        expect(json).not.toContain(a);
        if (b) expect(json).not.toContain(b);
      }
    }
  });

  it('does not count a week whose prompt never reached the student as missed', async () => {
    const store = await freshDemoStore();
    // Week 47's prompt to Daan went dead in the outbox: it never reached him.
    await arrangeIn(
      store,
      `insert into outbox (idempotency_key, platform, workspace_id, recipient, student_id, payload, not_before, status, attempts, created_at)
       select 'prompt:' || id || ':2026-W47', 'local', 'local', 'x', id, '{}', '2026-11-20T12:00:00.000Z', 'dead', 5, '2026-11-20T12:00:00.000Z'
       from students where email = ?`,
      [daan],
    );
    await sweep(store, '2026-11-23T06:30');
    expect((await signalsOf(store)).filter((s) => s.student === 'Daan Visser').map((s) => s.kind)).toEqual([
      'motivatie-daalt',
      'welbevinden-daalt',
    ]);
  });
});

describe('the daily sweep after the first', () => {
  it('reads less for the rules time changes, and gets the same answers from it', async () => {
    const store = await freshDemoStore();
    // Move time on so that dates pass and silences grow, with the demo's holidays in between.
    const today = '2027-01-11';
    const load = signalFactsLoader(store);
    const thresholds = { ...defaultThresholds, 'geen-gesprek': { enabled: true, weeks: 8 } };
    for (const { id } of await studentsToSweep(store, 1)) {
      const every = await load(id, () => factsNeeded(thresholds, signalKinds));
      const lean = await load(id, () => factsNeeded(thresholds, timeDrivenKinds));
      if (!every || !lean) throw new Error(`no student ${id}`);
      expect(evaluateStudent(lean.facts, lean.calendar, thresholds, today, timeDrivenKinds)).toEqual(
        evaluateStudent(every.facts, every.calendar, thresholds, today, timeDrivenKinds),
      );
    }
  });

  it('runs every rule for a student it has not checked before, and only the time-driven ones after', async () => {
    const store = await freshDemoStore();
    await sweep(store, '2026-11-23T06:30');
    // Data that did not come through a command: Noor's te-makkelijk weeks are rewritten directly.
    await arrangeIn(
      store,
      "update reflections set uitdaging = 'precies-goed' where student_id = (select id from students where email = ?)",
      ['noor.hendriks@leerling.koersmeer.example'],
    );
    await sweep(store, '2026-11-24T06:30');
    expect(await signalsOf(store)).toContainEqual({
      student: 'Noor Hendriks',
      kind: 'te-weinig-uitdaging',
      status: 'open',
    });
    // Whoever writes outside the commands clears the student's check; the next sweep looks at everything.
    await arrangeIn(
      store,
      'delete from signal_checks where student_id = (select id from students where email = ?)',
      ['noor.hendriks@leerling.koersmeer.example'],
    );
    await sweep(store, '2026-11-25T06:30');
    expect((await signalsOf(store)).filter((s) => s.student === 'Noor Hendriks')).toEqual([]);
  });
});

describe('signals follow the school’s settings', () => {
  const beheer = 'beheer@koersmeer.example';

  it('a changed threshold reaches students the sweep had checked; a kind switched off resolves, saying so', async () => {
    const store = await freshDemoStore();
    await sweep(store, '2026-11-23T06:30');
    const before = (await signalsOf(store)).filter((s) => s.kind === 'te-weinig-uitdaging').length;
    expect(
      errorsOf(await askAs(store, beheer, 'instellingen drempels te-weinig-uitdaging aantal 2')),
    ).toEqual([]);
    await sweep(store, '2026-11-24T06:30');
    expect((await signalsOf(store)).filter((s) => s.kind === 'te-weinig-uitdaging').length).toBeGreaterThan(
      before,
    );
    expect(errorsOf(await askAs(store, beheer, 'instellingen drempels te-weinig-uitdaging uit'))).toEqual([]);
    await sweep(store, '2026-11-25T06:30');
    expect((await signalsOf(store)).filter((s) => s.kind === 'te-weinig-uitdaging')).toEqual([]);
    const reasons = await rows<{ resolution: unknown }>(
      store,
      "select distinct resolution from signals where kind = 'te-weinig-uitdaging'",
    );
    expect(reasons.map((r) => rawJson(r.resolution))).toEqual([
      { by: 'rule', phrase: { key: 'signals.cleared.off', params: {} } },
    ]);
  });

  it('a talk request cannot be switched off', async () => {
    const store = await freshDemoStore();
    const before = await dumpStore(store);
    expect(errorsOf(await askAs(store, beheer, 'instellingen drempels gespreksverzoek uit'))).toEqual([
      'Een gespreksverzoek staat altijd aan: de leerling vraagt zelf om een gesprek.',
    ]);
    expect(await dumpStore(store)).toBe(before);
  });

  it('a talk request the sweep finds reaches the mentor at once, once', async () => {
    const store = await freshDemoStore();
    const talkRequests = () =>
      rows(
        store,
        "select idempotency_key as key, recipient from outbox where idempotency_key like 'talkRequest:%' order by id",
      );
    expect(await talkRequests()).toEqual([]);
    await sweep(store, '2026-11-23T06:30');
    // Yara's request was seeded, not submitted through Koers: the sweep tells Pieter de Vries.
    expect(await talkRequests()).toEqual([
      { key: expect.stringMatching(/^talkRequest:\d+:2026-W47$/), recipient: 'p.devries@koersmeer.example' },
    ]);
    await sweep(store, '2026-11-24T06:30');
    expect(await talkRequests()).toHaveLength(1);
  });
});

describe('signals follow changes made through commands', () => {
  it('a correction later that week does not renew a talk request a conversation already answered', async () => {
    const store = await freshDemoStore();
    const noor = 'noor.hendriks@leerling.koersmeer.example';
    await weeklyPrompts(store, '2026-11-27T13:00');
    await askAs(
      store,
      noor,
      'reflectie invullen --welbevinden 3 --motivatie 3 --grip 3 --uitdaging precies-goed --praten ja',
      {
        now: new Date('2026-11-27T14:10:00+01:00'),
      },
    );
    expect(await signalsOf(store)).toContainEqual({
      student: 'Noor Hendriks',
      kind: 'gespreksverzoek',
      status: 'open',
    });
    await askAs(store, 'm.jansen@koersmeer.example', 'gesprek noor hendriks --soort coachgesprek', {
      now: new Date('2026-11-27T15:00:00+01:00'),
    });
    const corrected = await askAs(store, noor, 'reflectie invullen --welbevinden 4', {
      now: new Date('2026-11-28T10:00:00+01:00'),
    });
    expect(errorsOf(corrected)).toEqual([]);
    expect(
      (await signalsOf(store)).filter((s) => s.kind === 'gespreksverzoek' && s.student === 'Noor Hendriks'),
    ).toEqual([]);
  });

  it('resolves Daan’s wellbeing signal once good weeks clear the rule’s window, and records why', async () => {
    const store = await freshDemoStore();
    await sweep(store, '2026-11-23T06:30');
    // Daan answers this week's prompt: the silence is over at once, in the same step.
    await weeklyPrompts(store, '2026-11-27T13:00');
    const first = await askAs(
      store,
      daan,
      'reflectie invullen --welbevinden 4 --motivatie 4 --grip 4 --uitdaging precies-goed',
      { now: new Date('2026-11-27T14:00:00+01:00') },
    );
    expect(errorsOf(first)).toEqual([]);
    const afterOne = (await signalsOf(store)).filter((s) => s.student === 'Daan Visser');
    expect(afterOne.map((s) => s.kind)).toEqual(['motivatie-daalt', 'welbevinden-daalt']);
    // One good week is not yet enough: 2, 2 and 4 still hold two low answers out of three.
    await weeklyPrompts(store, '2026-12-04T13:00');
    await askAs(
      store,
      daan,
      'reflectie invullen --welbevinden 4 --motivatie 4 --grip 4 --uitdaging precies-goed',
      {
        now: new Date('2026-12-04T14:00:00+01:00'),
      },
    );
    expect((await signalsOf(store)).filter((s) => s.student === 'Daan Visser')).toEqual([]);
    const resolved = await rows<{ kind: string; byId: number | null; resolution: unknown; at: string }>(
      store,
      `select kind, resolved_by_id as "byId", resolution, resolved_at as at from signals x join students s on s.id = x.student_id
       where s.email = ? and x.status = 'opgelost' order by kind`,
      [daan],
    );
    expect(resolved.map((r) => [r.kind, r.byId, rawJson(r.resolution)])).toEqual([
      [
        'motivatie-daalt',
        null,
        { by: 'rule', phrase: { key: 'signals.cleared.motivatie-daalt', params: {} } },
      ],
      [
        'reflecties-gemist',
        null,
        { by: 'rule', phrase: { key: 'signals.cleared.reflecties-gemist', params: {} } },
      ],
      [
        'welbevinden-daalt',
        null,
        { by: 'rule', phrase: { key: 'signals.cleared.welbevinden-daalt', params: {} } },
      ],
    ]);
    // The command's clock, not the real one.
    expect(resolved.find((r) => r.kind === 'welbevinden-daalt')?.at).toBe('2026-12-04T13:00:00.000Z');
  });

  it('opens a talk request with the reflection that asks for it, and clears it with a logged conversation', async () => {
    const store = await freshDemoStore();
    await weeklyPrompts(store, '2026-11-27T13:00');
    await askAs(
      store,
      daan,
      'reflectie invullen --welbevinden 3 --motivatie 3 --grip 3 --uitdaging precies-goed --praten ja',
      { now: new Date('2026-11-27T14:00:00+01:00') },
    );
    expect(await signalsOf(store)).toContainEqual({
      student: 'Daan Visser',
      kind: 'gespreksverzoek',
      status: 'open',
    });
    await askAs(store, 'm.jansen@koersmeer.example', 'gesprek daan visser --soort coachgesprek', {
      now: new Date('2026-11-30T10:00:00+01:00'),
    });
    expect(
      (await signalsOf(store)).filter((s) => s.kind === 'gespreksverzoek' && s.student === 'Daan Visser'),
    ).toEqual([]);
  });
});
