/**
 * `signalen` and the signals on the card, `pad` and `mijn`, after the daily sweep on the demo
 * school (issue 12): who sees which signals and how much of them, and acknowledging, resolving
 * and escalating one, each audited, with refusals that write nothing.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { locales } from '../src/domain/enums.ts';
import { openForm } from '../src/engine/forms.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { catalog, type Messages, translate } from '../src/i18n/translate.ts';
import { findJob } from '../src/jobs/registry.ts';
import type { Reply } from '../src/reply/reply.ts';
import { findPersonByEmail } from '../src/store/people.ts';
import { rawBoolean, rawJson } from '../src/store/raw-values.ts';
import type { Store } from '../src/store/store.ts';
import { askAs, errorsOf, visibleText } from './support/demo.ts';
import { sweptDemoStore } from './support/signals.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const jansen = 'm.jansen@koersmeer.example';
const yilmaz = 'f.yilmaz@koersmeer.example';
const smit = 't.smit@koersmeer.example';
const bos = 'z.bos@koersmeer.example';
const benali = 'a.benali@koersmeer.example';
const daan = 'daan.visser@leerling.koersmeer.example';

/** A fresh demo school, on this run's dialect, after its first morning's sweep. */
const signalId = async (store: Store, email: string, kind: string) => {
  const [row] = await rows<{ id: number }>(
    store,
    `select x.id from signals x join students s on s.id = x.student_id
     where s.email = ? and x.kind = ? order by x.id desc limit 1`,
    [email, kind],
  );
  if (!row) throw new Error(`no ${kind} signal for ${email}`);
  return row.id;
};

type Item = { text: string; detail?: string };
const items = (reply: Reply): Item[] => reply.blocks.flatMap((b) => (b.type === 'list' ? b.items : []));
const listed = (reply: Reply) => items(reply).map((i) => i.text.replace(/^#\d+ /, ''));
const buttons = (reply: Reply) =>
  reply.blocks.flatMap((b) =>
    b.type === 'actions' ? b.buttons.map((x) => x.payload.text ?? x.payload.form) : [],
  );

/** Every text of a locale, without its keys. */
const leaves = (tree: Messages): string[] =>
  Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : leaves(value)));

/** Everything any student wrote: reflections and conversation summaries. */
const writtenTexts = async (store: Store) =>
  (
    await rows<{ text: string }>(
      store,
      `select went_well as text from reflections where went_well is not null
       union select next_step from reflections where next_step is not null
       union select summary from conversations where summary is not null`,
    )
  ).map((r) => r.text);

describe('signalen: who sees what', () => {
  it("lists Mirjam Jansen's mentees' signals with evidence in words and a next step", async () => {
    const store = await sweptDemoStore();
    const answer = await askAs(store, jansen, 'signalen');
    expect(errorsOf(answer)).toEqual([]);
    const mentees = listed(answer).filter((text) => text.includes('(3H)'));
    expect(mentees).toEqual(
      expect.arrayContaining([
        'Daan Visser (3H): welbevinden daalt',
        'Daan Visser (3H): reflecties gemist',
        'Daan Visser (3H): motivatie daalt',
        'Noor Hendriks (3H): te weinig uitdaging',
        'Sarina El Amrani (3H): cijfer op hoger niveau',
      ]),
    );
    const daanWellbeing = items(answer).find((i) => i.text.endsWith('Daan Visser (3H): welbevinden daalt'));
    expect(daanWellbeing?.detail).toContain('welbevinden gemiddeld 3,8 → 2,3');
    expect(daanWellbeing?.detail).toContain(
      'Volgende stap: Vraag in een gesprek hoe het met de leerling gaat.',
    );
    expect(items(answer).find((i) => i.text.includes('Sarina'))?.detail).toContain(
      '5,2 voor Frans op vwo-niveau',
    );
    // Her mentees' signals come with buttons; Yara (4V) is not hers.
    expect(buttons(answer)).toContain(`signalen gezien ${await signalId(store, daan, 'welbevinden-daalt')}`);
    expect(buttons(answer)).toContain('signalen.opgelost');
    expect(listed(answer).join('\n')).not.toContain('Yara');
    // The severity headings come in order: urgent before let op before info.
    const titles = answer.blocks.flatMap((b) => (b.type === 'list' && b.title ? [b.title] : []));
    expect(titles).toEqual(['Let op', 'Info']);
    for (const text of await writtenTexts(store)) expect(visibleText(answer)).not.toContain(text);
    // Each student whose signals were shown is audited as read.
    const reads = await rows<{ n: number }>(
      store,
      "select count(distinct student_id) as n from audit_log where subject = 'signalen' and action = 'read'",
    );
    expect(reads[0]?.n).toBeGreaterThanOrEqual(5);
  });

  it('orders urgent first, then let op, then info, newest first within a severity', async () => {
    const store = await sweptDemoStore();
    const answer = await askAs(store, smit, 'signalen');
    const titles = answer.blocks.flatMap((b) => (b.type === 'list' && b.title ? [b.title] : []));
    expect(titles).toEqual(['Urgent', 'Let op', 'Info']);
    const ids = items(answer).map((i) => Number(i.text.match(/^#(\d+)/)?.[1]));
    const letOp = items(answer)
      .filter((i) => i.detail?.startsWith('let op'))
      .map((i) => Number(i.text.match(/^#(\d+)/)?.[1]));
    // All nine were opened by one sweep at one moment: newest first is the highest number first.
    expect(letOp).toEqual([...letOp].sort((a, b) => b - a));
    expect(ids).toHaveLength(9);
  });

  it('shows Tom Smit his whole team with evidence numbers, no reflection text, and only *gezien*', async () => {
    const store = await sweptDemoStore();
    const answer = await askAs(store, smit, 'signalen');
    const groups = new Set(listed(answer).map((text) => text.match(/\((\w+)\)/)?.[1]));
    expect(groups).toEqual(new Set(['3H', '3T', '4V']));
    expect(listed(answer)).toContain('Yara Wijaya (4V): gespreksverzoek');
    expect(listed(answer)).toContain('Milan Peters (3T): evaluatie verlopen');
    expect(visibleText(answer)).toContain('welbevinden gemiddeld 3,8 → 2,3');
    // Issue 12: *gezien* by someone in scope; resolving and escalating stay the mentor's.
    expect(buttons(answer).length).toBeGreaterThan(0);
    for (const button of buttons(answer)) expect(button).toMatch(/^signalen gezien \d+$/);
    for (const text of await writtenTexts(store)) expect(visibleText(answer)).not.toContain(text);
  });

  it('narrows to one group or one student', async () => {
    const store = await sweptDemoStore();
    expect(new Set(listed(await askAs(store, smit, 'signalen 3T')).map((t) => t.split(':')[0]))).toEqual(
      new Set(['Milan Peters (3T)']),
    );
    expect(listed(await askAs(store, jansen, 'signalen daan visser'))).toHaveLength(3);
    // A student outside one's scope is not found, and not told apart from nobody.
    expect(errorsOf(await askAs(store, yilmaz, 'signalen daan visser'))).toEqual([
      translate('nl', 'access.denied'),
    ]);
  });

  it('shows a subject teacher kinds only: no evidence, no next step, no text, no buttons', async () => {
    const store = await sweptDemoStore();
    const answer = await askAs(store, benali, 'signalen');
    expect(errorsOf(answer)).toEqual([]);
    expect(listed(answer)).toContain('Daan Visser (3H): welbevinden daalt');
    const shown = visibleText(answer);
    expect(shown).not.toContain('gemiddeld');
    expect(shown).not.toContain('Volgende stap');
    expect(shown).not.toContain('5,2');
    expect(buttons(answer)).toEqual([]);
    const written = await writtenTexts(store);
    for (const text of written) expect(shown).not.toContain(text);
    const card = await askAs(store, benali, 'leerling daan visser');
    expect(visibleText(card)).toContain('welbevinden daalt');
    expect(visibleText(card)).not.toContain('gemiddeld');
    for (const text of written) expect(visibleText(card)).not.toContain(text);
  });

  it('refuses a student, who sees no signals about herself anywhere', async () => {
    const store = await sweptDemoStore();
    expect(errorsOf(await askAs(store, daan, 'signalen'))).toEqual([
      translate('nl', 'access.commandNotForYou', { command: 'signalen' }),
    ]);
    const own = visibleText(await askAs(store, daan, 'pad'));
    expect(own).not.toContain('welbevinden daalt');
    expect(own).not.toContain(translate('nl', 'signals.history.title'));
  });
});

describe("the care coordinator's scope", () => {
  it('holds students with an arrangement or an open let-op or urgent signal, not one with info only', async () => {
    const store = await sweptDemoStore();
    // Lucas has no arrangement; an info signal alone is his mentor's business, not care.
    const lucas = 'lucas.bakker@leerling.koersmeer.example';
    await arrangeIn(
      store,
      `insert into signals (student_id, kind, severity, evidence, first_seen_at, last_seen_at, status)
       select id, 'geen-gesprek', 'info', ?, '2026-11-23T05:30:00.000Z', '2026-11-23T05:30:00.000Z', 'open'
       from students where email = ?`,
      [
        JSON.stringify({
          facts: [{ key: 'signals.evidence.geenGesprek.since', params: { date: { date: '2026-09-01' } } }],
          nextStep: { key: 'signals.next.geenGesprek', params: {} },
        }),
        lucas,
      ],
    );
    const answer = await askAs(store, bos, 'signalen');
    const students = new Set(listed(answer).map((text) => text.split(' (')[0]));
    expect(students).toEqual(
      new Set([
        'Yara Wijaya',
        'Milan Peters',
        'Daan Visser',
        'Noor Hendriks',
        'Sarina El Amrani',
        'Ayoub Kuipers',
      ]),
    );
    expect(errorsOf(await askAs(store, bos, `leerling ${lucas}`))).toEqual([
      translate('nl', 'access.denied'),
    ]);
    expect(visibleText(await askAs(store, smit, `signalen ${lucas}`))).toContain('geen gesprek');
  });

  it('opens Daan’s card, and reads what he wrote only once a signal is escalated to her', async () => {
    const store = await sweptDemoStore();
    // Something Daan wrote within the card's eight weeks.
    await arrangeIn(
      store,
      `update reflections set went_well = 'Met vrienden gevoetbald na school.'
       where student_id = (select id from students where email = ?) and iso_week = '2026-W45'`,
      [daan],
    );
    const before = await askAs(store, bos, 'leerling daan visser');
    expect(errorsOf(before)).toEqual([]);
    expect(visibleText(before)).toContain('welbevinden gemiddeld 3,8 → 2,3');
    expect(visibleText(before)).not.toContain('Met vrienden gevoetbald na school.');
    expect(visibleText(before)).not.toContain('Voortgang van de doelen besproken');
    // In her scope she may mark his signals seen, not resolve or escalate them.
    for (const button of buttons(before)) expect(button).toMatch(/^signalen gezien \d+$/);

    const id = await signalId(store, daan, 'welbevinden-daalt');
    expect(errorsOf(await askAs(store, jansen, `signalen escaleer ${id}`))).toEqual([]);
    const after = await askAs(store, bos, 'leerling daan visser');
    expect(visibleText(after)).toContain('Met vrienden gevoetbald na school.');
    expect(visibleText(after)).toContain('Voortgang van de doelen besproken');
    // Now she may act on it too.
    expect(buttons(after)).toContain(`signalen gezien ${id}`);
    expect(visibleText(await askAs(store, bos, 'signalen daan visser'))).toContain('bij de zorgcoördinator');
  });
});

describe('acting on a signal', () => {
  it('gezien, opgelost with a reason, and escaleer change the signal and are audited by student', async () => {
    const store = await sweptDemoStore();
    const wellbeing = await signalId(store, daan, 'welbevinden-daalt');
    const motivation = await signalId(store, daan, 'motivatie-daalt');
    const [{ id: daanId } = { id: 0 }] = await rows<{ id: number }>(
      store,
      'select id from students where email = ?',
      [daan],
    );
    const audited = () =>
      rows<{ subject: string; student_id: number; detail: unknown }>(
        store,
        "select subject, student_id, detail from audit_log where action = 'update' order by id",
      );

    expect(errorsOf(await askAs(store, jansen, `signalen gezien ${wellbeing}`))).toEqual([]);
    const reason = 'Gesprek gehad; thuis speelt iets, we houden contact.';
    expect(
      errorsOf(await askAs(store, jansen, `signalen opgelost ${motivation} --reden "${reason}"`)),
    ).toEqual([]);
    expect(errorsOf(await askAs(store, jansen, `signalen escaleer ${wellbeing}`))).toEqual([]);

    expect(
      (
        await rows(
          store,
          'select status, acknowledged_at is not null as seen, escalated_to_id is not null as up from signals where id = ?',
          [wellbeing],
        )
      ).map((row) => ({ ...row, seen: rawBoolean(row.seen), up: rawBoolean(row.up) })),
    ).toEqual([{ status: 'gezien', seen: true, up: true }]);
    const [resolved] = await rows<{ status: string; resolution: unknown; by: string }>(
      store,
      'select x.status, x.resolution, s.name as "by" from signals x join staff s on s.id = x.resolved_by_id where x.id = ?',
      [motivation],
    );
    expect(resolved).toMatchObject({ status: 'opgelost', by: 'Mirjam Jansen' });
    expect(rawJson(resolved?.resolution)).toEqual({ by: 'staff', note: reason });

    expect((await audited()).map((a) => [a.subject, a.student_id])).toEqual([
      ['signalen gezien', daanId],
      ['signalen opgelost', daanId],
      ['signalen escaleer', daanId],
    ]);
    // The reason lives in the signal only: never in the audit log.
    expect(JSON.stringify(await rows(store, 'select detail from audit_log'))).not.toContain('thuis speelt');
    // Resolved by hand, it does not come back on the next sweep of the same situation.
    const job = findJob('signals');
    await job?.run({
      store,
      now: DateTime.fromISO('2026-11-23T10:00', { zone: 'Europe/Amsterdam' }),
      platforms: ['local'],
      senders: [],
    });
    expect(
      await rows(
        store,
        "select count(*) as n from signals where kind = 'motivatie-daalt' and status <> 'opgelost' and student_id = ?",
        [daanId],
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('pad shows the history with when and why; the reason only to who may see wellbeing', async () => {
    const store = await sweptDemoStore();
    const motivation = await signalId(store, daan, 'motivatie-daalt');
    await askAs(store, jansen, `signalen opgelost ${motivation} --reden "Gesprek gehad, het gaat beter"`);
    const own = visibleText(await askAs(store, jansen, 'pad daan visser'));
    expect(own).toContain('opgelost door Mirjam Jansen: Gesprek gehad, het gaat beter');
    expect(own).toContain('opgelost op 23 nov 2026');
    expect(visibleText(await askAs(store, smit, 'pad daan visser'))).toContain(
      'Gesprek gehad, het gaat beter',
    );
    const teacher = visibleText(await askAs(store, benali, 'pad daan visser'));
    expect(teacher).toContain('motivatie daalt');
    expect(teacher).not.toContain('Gesprek gehad, het gaat beter');

    // A signal that resolves by itself says why in the rule's words.
    const [{ id: arrangement } = { id: 0 }] = await rows<{ id: number }>(
      store,
      "select a.id from arrangements a join students s on s.id = a.student_id where s.email = 'milan.peters@leerling.koersmeer.example' and a.status = 'lopend' order by a.id",
    );
    expect(
      errorsOf(
        await askAs(store, bos, `arrangement evalueer ${arrangement} --besluit verlengen --doelen deels`),
      ),
    ).toEqual([]);
    expect(visibleText(await askAs(store, yilmaz, 'pad milan peters'))).toContain(
      translate('nl', 'signals.cleared.evaluatie-verlopen'),
    );
  });

  it('asks which care coordinator when the school has several, and takes --aan', async () => {
    const store = await sweptDemoStore();
    await arrangeIn(
      store,
      `insert into staff (school_id, name, email, created_at)
       select school_id, 'Ilse de Boer', 'i.deboer@koersmeer.example', created_at from staff where email = ?`,
      [bos],
    );
    await arrangeIn(
      store,
      "insert into staff_roles (staff_id, role) select id, 'zorgcoordinator' from staff where email = 'i.deboer@koersmeer.example'",
    );
    const id = await signalId(store, daan, 'welbevinden-daalt');
    const choose = await askAs(store, jansen, `signalen escaleer ${id}`);
    expect(errorsOf(choose)).toEqual([]);
    expect(
      choose.blocks.flatMap((b) => (b.type === 'list' ? b.items.map((i) => i.button?.payload.text) : [])),
    ).toEqual([
      `signalen escaleer ${id} --aan i.deboer@koersmeer.example`,
      `signalen escaleer ${id} --aan ${bos}`,
    ]);
    expect(await rows(store, 'select escalated_to_id from signals where id = ?', [id])).toEqual([
      { escalated_to_id: null },
    ]);
    expect(errorsOf(await askAs(store, jansen, `signalen escaleer ${id} --aan ${smit}`))).toHaveLength(1);
    expect(
      errorsOf(await askAs(store, jansen, `signalen escaleer ${id} --aan I.deBoer@koersmeer.example`)),
    ).toEqual([]);
    expect(
      await rows(
        store,
        'select s.email from signals x join staff s on s.id = x.escalated_to_id where x.id = ?',
        [id],
      ),
    ).toEqual([{ email: 'i.deboer@koersmeer.example' }]);
  });

  it('refuses who may not act, and a refusal changes no signal', async () => {
    const store = await sweptDemoStore();
    const id = await signalId(store, daan, 'welbevinden-daalt');
    const signals = () => rows(store, 'select * from signals order by id');
    const before = await signals();
    // Tom Smit sees it but resolving is the mentor's; Fatima Yilmaz is not Daan's mentor.
    expect(errorsOf(await askAs(store, smit, `signalen opgelost ${id} --reden "Klaar"`))).toEqual([
      translate('nl', 'access.commandNotForYou', { command: 'signalen opgelost' }),
    ]);
    for (const line of [
      `signalen gezien ${id}`,
      `signalen opgelost ${id} --reden "Klaar"`,
      `signalen escaleer ${id}`,
    ])
      expect(errorsOf(await askAs(store, yilmaz, line))).toEqual([
        translate('nl', 'signals.notFound', { id }),
      ]);
    expect(errorsOf(await askAs(store, jansen, `signalen opgelost ${id}`))).toHaveLength(1);
    expect(
      errorsOf(await askAs(store, jansen, `signalen opgelost ${id} --reden "${'x'.repeat(501)}"`)),
    ).toHaveLength(1);
    expect(await signals()).toEqual(before);
  });

  it('the resolve button opens a form asking for the reason', async () => {
    const store = await sweptDemoStore();
    const actor = await findPersonByEmail(store, jansen);
    if (!actor) throw new Error('no Mirjam');
    const id = await signalId(store, daan, 'welbevinden-daalt');
    const form = await openForm(await loadCommands(), {
      store,
      actor,
      channel: 'cli',
      formId: 'signalen.opgelost',
      prefill: { nummer: String(id) },
    });
    expect(form.blocks).toContainEqual(
      expect.objectContaining({
        type: 'form',
        inputs: [expect.objectContaining({ name: 'reden', required: true, maxLength: 500 })],
      }),
    );
  });
});

describe('mijn', () => {
  it('lists students with open signals first, urgent first', async () => {
    const store = await sweptDemoStore();
    const table = (await askAs(store, bos, 'mijn')).blocks.find((b) => b.type === 'table');
    const rows = table?.type === 'table' ? table.rows : [];
    expect(rows[0]?.[0]).toBe('Yara Wijaya');
    const counts = rows.map((row) => Number(row[2]?.split(' ')[0]));
    expect(counts.slice(1)).toEqual([...counts.slice(1)].sort((a, b) => b - a));
  });
});

describe('the words of signals', () => {
  it('never label a student: no risk, no score, in either language', () => {
    for (const locale of locales) {
      const texts = leaves(catalog(locale)).join('\n').toLowerCase();
      expect(texts.length).toBeGreaterThan(1000);
      for (const word of ['risico', 'risk', 'score', 'zorgleerling', 'probleemleerling', 'zwakke leerling'])
        expect(texts, `${locale}: ${word}`).not.toContain(word);
    }
  });
});
