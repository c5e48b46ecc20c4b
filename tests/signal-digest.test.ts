/**
 * The mentor's daily digest, through the morning sweep (`signals`) and the outbox, on the demo
 * school: one message per mentor with new signals, ids only in the outbox, words (in the mentor's
 * language) only when it is sent, never a talk request again and never what a student wrote.
 */

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../src/engine/clock.ts';
import { outboxJob } from '../src/jobs/outbox-job.ts';
import { signalsJob } from '../src/jobs/signals.ts';
import { localSender } from '../src/platforms/local/local-sender.ts';
import type { Reply } from '../src/reply/reply.ts';
import type { Store } from '../src/store/database.ts';
import type { OutboxRow } from '../src/store/outbox.ts';
import { rawBoolean, rawJson } from '../src/store/raw-values.ts';
import { outboxReply } from '../src/views/outbox-replies.ts';
import { freshDemoStore } from './support/demo.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const MORNING = DateTime.fromISO('2026-11-23T07:00', { zone: 'Europe/Amsterdam' });

const sweep = (store: Store, now = MORNING) =>
  signalsJob.run({ store, now, platforms: ['local'], senders: [] }) as Promise<Record<string, number>>;

async function staffId(store: Store, email: string): Promise<number> {
  const [row] = await rows<{ id: number }>(store, 'select id from staff where email = ?', [email]);
  if (!row) throw new Error(`no staff ${email}`);
  return row.id;
}

type DigestRow = Omit<OutboxRow, 'payload'> & { payload: unknown; idempotency_key: string; student_id: null };
const digestRows = (store: Store) =>
  rows<DigestRow>(store, "select * from outbox where idempotency_key like 'signalDigest:%' order by id");

function composed(store: Store, row: DigestRow, now = MORNING): Promise<Reply | null> {
  const message = { ...row, payload: rawJson(row.payload) } as unknown as OutboxRow;
  return outboxReply(store, message, now.toJSDate());
}

const visible = (reply: Reply | null) => JSON.stringify(reply?.blocks ?? null);

describe('the mentor’s daily digest', () => {
  it('queues one message per mentor with new signals, holding ids only; a second run queues nothing', async () => {
    const store = await freshDemoStore();
    const counts = await sweep(store);
    // Jansen (Daan, Noor, Sarina, Ayoub) and Yilmaz (Milan, …); De Vries's only news is Yara's talk
    // request, which reached him at once and is not repeated.
    expect(counts).toMatchObject({ opened: 9, digests: 2, digestsNotLinked: 0 });
    // Counts are counts: no names, no ids of students.
    expect(Object.keys(counts).sort()).toEqual(
      ['digests', 'digestsNotLinked', 'opened', 'refreshed', 'resolved', 'students'].sort(),
    );
    const jansen = await staffId(store, 'm.jansen@koersmeer.example');
    const yilmaz = await staffId(store, 'f.yilmaz@koersmeer.example');
    const digests = await digestRows(store);
    expect(digests.map((row) => [row.idempotency_key, row.recipient, row.student_id])).toEqual([
      [`signalDigest:${jansen}:2026-11-23`, 'm.jansen@koersmeer.example', null],
      [`signalDigest:${yilmaz}:2026-11-23`, 'f.yilmaz@koersmeer.example', null],
    ]);
    expect(rawJson(digests[0]?.payload)).toEqual({
      kind: 'signalDigest',
      staffId: jansen,
      date: '2026-11-23',
      until: '2026-11-23T06:00:00.000Z',
    });

    // Later the same day: nothing new, and the key would not take a second digest anyway.
    expect(await sweep(store, MORNING.plus({ hours: 3 }))).toMatchObject({ opened: 0, digests: 0 });
    expect(await digestRows(store)).toHaveLength(2);
    // The next morning: yesterday's signals are not news any more; only what opened since is.
    const nextDay = await sweep(store, MORNING.plus({ days: 1 }));
    const rows2 = (await digestRows(store)).slice(2);
    expect(rows2).toHaveLength(nextDay.digests ?? 0);
    expect(rows2.every((row) => row.idempotency_key.endsWith(':2026-11-24'))).toBe(true);
    for (const row of rows2) {
      const text = visible(await composed(store, row, MORNING.plus({ days: 1 })));
      for (const name of ['Daan Visser', 'Noor Hendriks', 'Sarina El Amrani', 'Milan Peters'])
        expect(text).not.toContain(name);
    }
  });

  it('says per student which signals are new, with their evidence in words, and offers `signalen`', async () => {
    const store = await freshDemoStore();
    await sweep(store);
    const [toJansen, toYilmaz] = await digestRows(store);
    const reply = await composed(store, toJansen as never);
    const text = visible(reply);
    expect(reply?.blocks[0]).toEqual({ type: 'header', text: 'Nieuwe aandachtspunten' });
    expect(text).toContain('Sinds gisteren is er bij 4 mentorleerlingen een aandachtspunt bijgekomen');
    const list = reply?.blocks.find((block) => block.type === 'list');
    expect(list?.type === 'list' && list.items.map((item) => item.text)).toEqual([
      'Sarina El Amrani (3H)',
      'Noor Hendriks (3H)',
      'Ayoub Kuipers (3H)',
      'Daan Visser (3H)',
    ]);
    const daan = list?.type === 'list' ? (list.items[3]?.detail ?? '') : '';
    expect(daan).toContain('welbevinden daalt: ');
    expect(daan).toContain('reflecties gemist: ');
    expect(text).toContain('te weinig uitdaging: ');
    expect(text).toContain('cijfer op hoger niveau: ');
    expect(text).toContain('5,2');
    expect(reply?.blocks.at(-1)).toMatchObject({
      type: 'actions',
      buttons: [{ label: 'Alle aandachtspunten', actionId: 'koers.run', payload: { text: 'signalen' } }],
    });
    expect(visible(await composed(store, toYilmaz as never))).toContain('Milan Peters (3T)');
  });

  it('never carries what a student wrote, nor the talk request', async () => {
    const store = await freshDemoStore();
    await sweep(store);
    const texts = (
      await rows<{ a: string | null; b: string | null }>(
        store,
        'select went_well as a, next_step as b from reflections',
      )
    )
      .flatMap((row) => [row.a, row.b])
      .filter((text): text is string => Boolean(text));
    expect(texts.length).toBeGreaterThan(5);
    for (const row of await digestRows(store)) {
      const text = visible(await composed(store, row));
      for (const written of new Set(texts)) expect(text).not.toContain(written);
      expect(text).not.toContain('gespreksverzoek');
      expect(JSON.stringify(rawJson(row.payload))).not.toMatch(/Daan|Visser|welbevinden|evidence/);
    }
  });

  it('is in the mentor’s language, and leaves out what was resolved before it was sent', async () => {
    const store = await freshDemoStore();
    const jansen = await staffId(store, 'm.jansen@koersmeer.example');
    await arrangeIn(store, "update staff set locale = 'en' where id = ?", [jansen]);
    await sweep(store);
    const [toJansen] = await digestRows(store);
    const english = visible(await composed(store, toJansen as never));
    expect(english).toContain('New points of attention');
    expect(english).toContain('wellbeing dropping: ');
    expect(english).toContain('5.2');

    // Noor's, Sarina's and Ayoub's signals are resolved by hand before the drain: only Daan is left.
    await arrangeIn(
      store,
      `update signals set status = 'opgelost', resolved_at = '2026-11-23T06:30:00.000Z'
       where student_id in (select id from students where first_name in ('Noor', 'Sarina', 'Ayoub'))`,
    );
    const later = await composed(store, toJansen as never);
    expect(visible(later)).toContain('Since yesterday 1 of your mentees has a new point of attention');
    expect(visible(later)).not.toContain('Noor');
    // All of them resolved: nothing to say, nothing sent.
    await arrangeIn(store, "update signals set status = 'opgelost' where kind <> 'gespreksverzoek'");
    expect(await composed(store, toJansen as never)).toBeNull();
  });

  it('queues nothing for a mentor without an account, and counts her', async () => {
    const store = await freshDemoStore();
    const yilmaz = await staffId(store, 'f.yilmaz@koersmeer.example');
    await arrangeIn(store, 'delete from platform_identities where staff_id = ?', [yilmaz]);
    expect(await sweep(store)).toMatchObject({ digests: 1, digestsNotLinked: 1 });
    expect((await digestRows(store)).map((row) => row.recipient)).toEqual(['m.jansen@koersmeer.example']);
  });

  it('is delivered once by the outbox', async () => {
    const store = await freshDemoStore();
    await sweep(store);
    const drain = () =>
      outboxJob.run({
        store,
        now: MORNING.plus({ minutes: 1 }),
        platforms: ['local'],
        senders: [localSender(store, systemClock)],
      });
    // Two digests, and Yara's talk request, which the sweep announces at once.
    expect(await drain()).toMatchObject({ sent: 3, dead: 0, skipped: 0 });
    expect(await drain()).toMatchObject({ sent: 0 });
    expect((await digestRows(store)).map((row) => row.status)).toEqual(['sent', 'sent']);
    // Delivered into the playground's inbox, as the Reply composed then.
    const kept = (
      await rows<{ recipient: string; toChannel: unknown }>(
        store,
        'select recipient, to_channel as "toChannel" from local_messages order by id',
      )
    ).map((row) => ({ ...row, toChannel: rawBoolean(row.toChannel) }));
    expect(kept).toHaveLength(3);
    expect(kept).toContainEqual({ recipient: 'm.jansen@koersmeer.example', toChannel: false });
  });
});
