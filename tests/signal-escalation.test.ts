/**
 * Issue 12, after review: escalating a signal tells the care coordinator (through the outbox,
 * queued with the escalation, composed when sent in her language, never with what the student
 * wrote), and *gezien* is for anyone in scope who may weigh a signal, while a signal the asker can
 * see but not change is refused as read-only rather than as non-existent.
 */

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../src/engine/clock.ts';
import { openForm } from '../src/engine/forms.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { translate } from '../src/i18n/translate.ts';
import { outboxJob } from '../src/jobs/outbox-job.ts';
import { type OutboxPayload, studentOfPayload } from '../src/outbox/payload.ts';
import { localSender } from '../src/platforms/local/local-sender.ts';
import type { Reply } from '../src/reply/reply.ts';
import type { Store } from '../src/store/database.ts';
import type { OutboxRow } from '../src/store/outbox.ts';
import { findPersonByEmail } from '../src/store/people.ts';
import { rawJson } from '../src/store/raw-values.ts';
import { askAs, DEMO_NOW, errorsOf, freshDemoStore, visibleText } from './support/demo.ts';
import { sweep } from './support/signals.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const jansen = 'm.jansen@koersmeer.example';
const yilmaz = 'f.yilmaz@koersmeer.example';
const smit = 't.smit@koersmeer.example';
const bos = 'z.bos@koersmeer.example';
const benali = 'a.benali@koersmeer.example';
const daan = 'daan.visser@leerling.koersmeer.example';
const written = 'Met vrienden gevoetbald na school.';

/** The demo school on this run's dialect after its first morning's sweep, with something Daan wrote. */
async function sweptDemoWithText(): Promise<Store> {
  const store = await freshDemoStore();
  await sweep(store);
  // Something Daan wrote, which no message about his signals may carry.
  await arrangeIn(
    store,
    `update reflections set went_well = ?
     where student_id = (select id from students where email = ?) and iso_week = '2026-W45'`,
    [written, daan],
  );
  return store;
}

async function idOf(store: Store, sql: string, ...params: string[]): Promise<number> {
  const found = await rows<{ id: number }>(store, sql, params);
  if (found.length !== 1) throw new Error(`${found.length} rows for ${sql}`);
  return (found[0] as { id: number }).id;
}
const signalId = (store: Store, email: string, kind: string) =>
  idOf(
    store,
    'select x.id from signals x join students s on s.id = x.student_id where s.email = ? and x.kind = ?',
    email,
    kind,
  );
const staffId = (store: Store, email: string) => idOf(store, 'select id from staff where email = ?', email);
const studentId = (store: Store, email: string) =>
  idOf(store, 'select id from students where email = ?', email);

type Row = { idempotency_key: string; recipient: string; student_id: number; payload: unknown };
const escalationRows = (store: Store) =>
  rows<Row>(store, "select * from outbox where idempotency_key like 'escalation:%' order by id");

/** Drains the local outbox as the scheduler would, keeping what each message said: local mode's inbox. */
async function drain(store: Store) {
  const inbox: { to: string; reply: Reply }[] = [];
  const sender = localSender(store, systemClock);
  const counts = await outboxJob.run({
    store,
    now: DateTime.fromJSDate(DEMO_NOW).plus({ minutes: 1 }),
    platforms: ['local'],
    senders: [
      {
        ...sender,
        deliver: (message: OutboxRow, reply: Reply) => {
          inbox.push({ to: message.recipient, reply });
          return sender.deliver(message, reply);
        },
      },
    ],
  });
  return { counts, inbox };
}

const buttons = (reply: Reply) =>
  reply.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.payload.text) : []));

describe('signalen escaleer tells the care coordinator', () => {
  it('queues one message with the escalation, ids only, due at the command’s moment', async () => {
    const store = await sweptDemoWithText();
    const id = await signalId(store, daan, 'welbevinden-daalt');
    const answer = await askAs(store, jansen, `signalen escaleer ${id}`);
    expect(errorsOf(answer)).toEqual([]);
    expect(visibleText(answer)).not.toContain(
      translate('nl', 'signals.escalatedNotNotified', { to: 'Zoë Bos' }),
    );
    const queued = await escalationRows(store);
    expect(queued).toHaveLength(1);
    const [row] = queued as [Row];
    expect(row.idempotency_key).toBe(`escalation:${id}:${await staffId(store, bos)}`);
    expect(row.recipient).toBe(bos);
    // Erasing Daan erases the message: it is his.
    expect(row.student_id).toBe(await studentId(store, daan));
    const payload = rawJson<OutboxPayload>(row.payload);
    expect(studentOfPayload(payload)).toBe(await studentId(store, daan));
    expect(payload).toEqual({
      kind: 'escalation',
      signalId: id,
      studentId: await studentId(store, daan),
      staffId: await staffId(store, bos),
      byStaffId: await staffId(store, jansen),
    });
    expect(
      await rows(store, "select not_before from outbox where idempotency_key like 'escalation:%'"),
    ).toEqual([{ not_before: DEMO_NOW.toISOString() }]);
  });

  it('is delivered once, saying who escalated whose signal with its evidence, and opening his card', async () => {
    const store = await sweptDemoWithText();
    const id = await signalId(store, daan, 'welbevinden-daalt');
    await askAs(store, jansen, `signalen escaleer ${id}`);
    const first = await drain(store);
    const toBos = first.inbox.filter((m) => m.to === bos);
    expect(toBos).toHaveLength(1);
    const { reply } = toBos[0] as { reply: Reply };
    expect(reply.locale).toBe('nl');
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'Aandachtspunt naar jou doorgezet' });
    const text = visibleText(reply);
    expect(text).toContain(
      'Mirjam Jansen zet een aandachtspunt van Daan Visser naar je door: welbevinden daalt.',
    );
    expect(text).toContain('welbevinden gemiddeld 3,8 → 2,3');
    // His card, named by reference: a message's button keeps no address.
    const [daanId] = await rows<{ id: number }>(store, 'select id from students where email = ?', [daan]);
    expect(buttons(reply)).toEqual([`leerling id:${daanId?.id}`]);
    // Never what he wrote, though the escalation lets her read it on his card.
    expect(text).not.toContain(written);
    expect(await rows(store, "select status from outbox where idempotency_key like 'escalation:%'")).toEqual([
      { status: 'sent' },
    ]);
    expect((await drain(store)).inbox.filter((m) => m.to === bos)).toEqual([]);
  });

  it('is written in the coordinator’s language, not the mentor’s', async () => {
    const store = await sweptDemoWithText();
    await arrangeIn(store, "update staff set locale = 'en' where email = ?", [bos]);
    await askAs(store, jansen, `signalen escaleer ${await signalId(store, daan, 'welbevinden-daalt')}`);
    const [message] = (await drain(store)).inbox.filter((m) => m.to === bos);
    expect(message?.reply.locale).toBe('en');
    const text = visibleText(message?.reply as Reply);
    expect(text).toContain(
      'Mirjam Jansen passes a point of attention about Daan Visser on to you: wellbeing dropping.',
    );
    expect(text).toContain('3.8');
    expect(text).not.toContain('welbevinden');
    expect(text).not.toContain(written);
  });

  it('escalates all the same for a coordinator without an account, and says she was not told', async () => {
    const store = await sweptDemoWithText();
    await arrangeIn(store, 'delete from platform_identities where staff_id = ?', [await staffId(store, bos)]);
    const id = await signalId(store, daan, 'welbevinden-daalt');
    const answer = await askAs(store, jansen, `signalen escaleer ${id}`);
    expect(errorsOf(answer)).toEqual([]);
    expect(visibleText(answer)).toContain(translate('nl', 'signals.escalatedNotNotified', { to: 'Zoë Bos' }));
    expect(await rows(store, 'select escalated_to_id as to_id from signals where id = ?', [id])).toEqual([
      { to_id: await staffId(store, bos) },
    ]);
    expect(await escalationRows(store)).toEqual([]);
  });

  it('is queued with the escalation or not at all', async () => {
    const store = await sweptDemoWithText();
    // The outbox refuses every insert, as a full disk would.
    if (store.dialect === 'sqlite')
      await arrangeIn(
        store,
        "create trigger no_outbox before insert on outbox begin select raise(abort, 'disk full'); end",
      );
    else {
      await arrangeIn(
        store,
        "create function no_outbox() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$",
      );
      await arrangeIn(
        store,
        'create trigger no_outbox before insert on outbox for each row execute function no_outbox()',
      );
    }
    const id = await signalId(store, daan, 'welbevinden-daalt');
    expect(errorsOf(await askAs(store, jansen, `signalen escaleer ${id}`))).toHaveLength(1);
    expect(await rows(store, 'select escalated_to_id as to_id from signals where id = ?', [id])).toEqual([
      { to_id: null },
    ]);
    expect(
      await rows(
        store,
        "select count(*) as n from audit_log where subject = 'signalen escaleer' and action = 'update'",
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('skips a message whose signal was resolved before it went out', async () => {
    const store = await sweptDemoWithText();
    const id = await signalId(store, daan, 'welbevinden-daalt');
    await askAs(store, jansen, `signalen escaleer ${id}`);
    await askAs(store, jansen, `signalen opgelost ${id} --reden "Gesprek gehad"`);
    const { counts, inbox } = await drain(store);
    expect(inbox.filter((m) => m.to === bos)).toEqual([]);
    expect(counts).toMatchObject({ dead: 0 });
  });
});

describe('signalen gezien by anyone in scope', () => {
  it('lets the team leader and the care coordinator mark a signal seen, audited; not a teacher', async () => {
    const store = await sweptDemoWithText();
    const wellbeing = await signalId(store, daan, 'welbevinden-daalt');
    const missed = await signalId(store, daan, 'reflecties-gemist');
    expect(errorsOf(await askAs(store, smit, `signalen gezien ${wellbeing}`))).toEqual([]);
    expect(errorsOf(await askAs(store, bos, `signalen gezien ${missed}`))).toEqual([]);
    expect(
      await rows(
        store,
        'select x.id, x.status, s.email from signals x join staff s on s.id = x.acknowledged_by_id where x.id in (?, ?)',
        [wellbeing, missed],
      ),
    ).toEqual(
      expect.arrayContaining([
        { id: wellbeing, status: 'gezien', email: smit },
        { id: missed, status: 'gezien', email: bos },
      ]),
    );
    expect(
      await rows(
        store,
        "select count(*) as n from audit_log where subject = 'signalen gezien' and action = 'update'",
      ),
    ).toEqual([{ n: 2 }]);
    // A teacher sees kinds only: marking seen what one may not read means nothing.
    expect(
      errorsOf(
        await askAs(store, benali, `signalen gezien ${await signalId(store, daan, 'motivatie-daalt')}`),
      ),
    ).toEqual([translate('nl', 'access.commandNotForYou', { command: 'signalen gezien' })]);
  });

  it('offers the team leader *gezien* only, and the mentor everything', async () => {
    const store = await sweptDemoWithText();
    const id = await signalId(store, daan, 'welbevinden-daalt');
    const team = buttons(await askAs(store, smit, 'signalen daan visser'));
    expect(team).toContain(`signalen gezien ${id}`);
    expect(team.some((b) => b?.startsWith('signalen escaleer'))).toBe(false);
    const mentor = await askAs(store, jansen, 'signalen daan visser');
    expect(buttons(mentor)).toEqual(
      expect.arrayContaining([`signalen gezien ${id}`, `signalen escaleer ${id}`]),
    );
  });
});

describe('a signal the asker can see but not change', () => {
  it('is refused as read-only, not as non-existent, and changes nothing', async () => {
    const store = await sweptDemoWithText();
    const id = await signalId(store, daan, 'welbevinden-daalt');
    const signals = () => rows(store, 'select * from signals order by id');
    const outbox = () => rows(store, 'select * from outbox order by id');
    const before = [await signals(), await outbox()];
    const readOnly = translate('nl', 'access.readOnly');
    // Zoë Bos sees Daan (an open let-op signal) but the signal is not escalated to her.
    expect(errorsOf(await askAs(store, bos, `signalen opgelost ${id} --reden "Klaar"`))).toEqual([readOnly]);
    expect(errorsOf(await askAs(store, bos, `signalen escaleer ${id}`))).toEqual([readOnly]);
    // Not Daan's mentor and not in her scope: still one answer for "not yours" and "no such".
    expect(errorsOf(await askAs(store, yilmaz, `signalen escaleer ${id}`))).toEqual([
      translate('nl', 'signals.notFound', { id }),
    ]);
    expect(errorsOf(await askAs(store, bos, 'signalen escaleer 99999'))).toEqual([
      translate('nl', 'signals.notFound', { id: 99999 }),
    ]);
    expect([await signals(), await outbox()]).toEqual(before);
    // The refusal leaves a trace, naming the student she may see.
    expect(
      await rows(
        store,
        "select count(*) as n from audit_log where action = 'refused' and student_id = ? and subject like 'signalen %'",
        [await studentId(store, daan)],
      ),
    ).toEqual([{ n: 2 }]);
  });

  it('the resolve form says the same', async () => {
    const store = await sweptDemoWithText();
    const actor = await findPersonByEmail(store, bos);
    if (!actor) throw new Error('no Zoë');
    const form = await openForm(await loadCommands(), {
      store,
      actor,
      channel: 'cli',
      formId: 'signalen.opgelost',
      prefill: { nummer: String(await signalId(store, daan, 'welbevinden-daalt')) },
    });
    expect(visibleText(form)).toContain(translate('nl', 'access.readOnly'));
  });
});
