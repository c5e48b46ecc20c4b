/**
 * Opaque payload ids: Slack keeps a button's `value` and a modal's `private_metadata` in its
 * history, and Teams a card's `data`, so they name a student by reference (`id:42`,
 * src/reply/buttons.ts), never by address or name. A sweep over every reply the demo personas can
 * get (their commands, their home, the buttons in them, the forms those open, every message the
 * outbox composes), and the reference held to the same access as a typed name.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../src/domain/actor.ts';
import { openForm } from '../src/engine/forms.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { route } from '../src/engine/router.ts';
import type { OutboxPayload } from '../src/outbox/payload.ts';
import { renderCards, renderFormCard } from '../src/render/adaptive-card.ts';
import { renderHome, renderMessages, renderModal } from '../src/render/block-kit.ts';
import { FORM_ACTION, RUN_ACTION, studentIdOfReference, studentReference } from '../src/reply/buttons.ts';
import type { Block, Reply } from '../src/reply/reply.ts';
import type { Store } from '../src/store/database.ts';
import type { OutboxRow } from '../src/store/outbox.ts';
import { findPersonByEmail } from '../src/store/people.ts';
import { rawJson } from '../src/store/raw-values.ts';
import { homeView } from '../src/views/home.ts';
import { outboxReply } from '../src/views/outbox-replies.ts';
import { askAs, DEMO_NOW, errorsOf, freshDemoStore } from './support/demo.ts';
import { demoCommandLines, demoPersonas } from './support/demo-walk.ts';
import { sweep } from './support/signals.ts';
import { rows as query } from './support/store-sql.ts';

type Form = Extract<Block, { type: 'form' }>;
type StudentRow = {
  id: number;
  email: string;
  first_name: string;
  preferred_name: string | null;
  last_name: string;
};

const jansen = 'm.jansen@koersmeer.example';

/** Every string under `key` anywhere in `node` (a Slack payload or a Teams card). */
function stringsUnder(node: unknown, keys: readonly string[], out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) stringsUnder(item, keys, out);
  else if (node !== null && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (keys.includes(key)) out.push(typeof value === 'string' ? value : JSON.stringify(value));
      else stringsUnder(value, keys, out);
    }
  return out;
}

/** What Slack keeps of a reply: its buttons' and options' values, and a modal's metadata. */
function slackPayloads(reply: Reply, form?: Form): string[] {
  const payloads = [
    ...stringsUnder(renderMessages(reply), ['value', 'private_metadata']),
    ...stringsUnder(renderHome(reply, '…'), ['value', 'private_metadata']),
  ];
  if (form)
    payloads.push(
      ...stringsUnder(renderModal(reply, form, { submit: 'Opslaan', close: 'Sluiten' }), [
        'value',
        'private_metadata',
      ]),
    );
  return payloads;
}

/** What Teams keeps of a reply: every action's `data`. */
function teamsPayloads(reply: Reply, form?: Form): string[] {
  return [
    ...stringsUnder(renderCards(reply), ['data']),
    ...(form ? stringsUnder(renderFormCard(reply, form), ['data']) : []),
  ];
}

/** A student's words as a payload must not hold them: whole words, case and accents aside. */
function forbiddenWords(students: readonly StudentRow[]): { emails: Set<string>; names: Set<string> } {
  const names = new Set<string>();
  for (const s of students)
    for (const name of [s.first_name, s.preferred_name, s.last_name])
      if (name) for (const word of fold(name).split(/[\s'-]+/)) if (word.length > 1) names.add(word);
  return { emails: new Set(students.map((s) => s.email.toLowerCase())), names };
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** What of a student a payload holds; staff addresses (`--aan z.bos@…`) are no student's. */
function leaks(payload: string, forbidden: ReturnType<typeof forbiddenWords>, staff: readonly string[]) {
  let text = fold(payload);
  const found = [...forbidden.emails].filter((email) => text.includes(email));
  for (const email of staff) text = text.replaceAll(email, ' ');
  const words = new Set(text.split(/[^\p{L}]+/u));
  return [...found, ...[...words].filter((word) => forbidden.names.has(word))];
}

/** Every demo reply there is for one person, with the forms its buttons open and the replies its run buttons give. */
async function* repliesOf(store: Store, actor: Actor, lines: readonly string[]) {
  const commands = await loadCommands();
  const request = { store, actor, channel: 'slack' as const, now: DEMO_NOW };
  const first: Reply[] = [await homeView(commands, request)];
  for (const text of lines) first.push(await route(commands, { ...request, text }));
  const pressed = new Set<string>();
  for (const reply of first) {
    yield { reply };
    for (const button of buttonsOf(reply)) {
      const key = JSON.stringify([button.actionId, button.payload]);
      if (pressed.has(key)) continue;
      pressed.add(key);
      if (button.actionId === RUN_ACTION) {
        yield { reply: await route(commands, { ...request, text: String(button.payload.text ?? '') }) };
      } else if (button.actionId === FORM_ACTION) {
        const { form: formId, ...prefill } = button.payload as Record<string, string>;
        const opened = await openForm(commands, { ...request, formId: formId ?? '', prefill });
        const form = opened.blocks.find((b): b is Form => b.type === 'form');
        yield { reply: opened, ...(form ? { form } : {}) };
      }
    }
  }
}

function buttonsOf(reply: Reply) {
  return reply.blocks.flatMap((block) => {
    if (block.type === 'actions') return block.buttons;
    if (block.type === 'list') return block.items.flatMap((item) => (item.button ? [item.button] : []));
    return [];
  });
}

/** Every message the outbox can compose about a student: prompts, reminders, talk requests, escalations, digests. */
async function outboxPayloads(store: Store): Promise<OutboxPayload[]> {
  const rows = await query<{ id: number; mentor: number | null }>(
    store,
    `select s.id, (select m.staff_id from group_mentors m where m.group_id = s.group_id order by m.staff_id limit 1) mentor
     from students s`,
  );
  const queued = (await query<{ payload: unknown }>(store, 'select payload from outbox')).map((row) =>
    rawJson<OutboxPayload>(row.payload),
  );
  return [
    ...queued,
    ...rows.flatMap((row): OutboxPayload[] => [
      { kind: 'prompt', studentId: row.id, isoWeek: '2026-W48' },
      { kind: 'reminder', studentId: row.id, isoWeek: '2026-W48' },
      ...(row.mentor
        ? [{ kind: 'talkRequest' as const, studentId: row.id, mentorId: row.mentor, isoWeek: '2026-W47' }]
        : []),
    ]),
  ];
}

describe('payloads name students by reference only', () => {
  it('in no Slack value or metadata, and no Teams card data, of any demo persona’s replies', async () => {
    const store = await freshDemoStore();
    await sweep(store);
    // An escalation, so that its message to the care coordinator is composed too.
    const [signal] = await query<{ id: number }>(
      store,
      "select s.id from signals s join students st on st.id = s.student_id where st.email = 'daan.visser@leerling.koersmeer.example' and s.status = 'open'",
    );
    await askAs(store, jansen, `signalen escaleer ${signal?.id}`);
    const students = await query<StudentRow>(
      store,
      'select id, email, first_name, preferred_name, last_name from students',
    );
    const staff = (await query<{ email: string }>(store, 'select email from staff')).map((r) =>
      r.email.toLowerCase(),
    );
    const forbidden = forbiddenWords(students);
    const lines = await demoCommandLines(store);
    const found: string[] = [];
    let payloads = 0;
    const check = (where: string, reply: Reply, form?: Form) => {
      for (const payload of [...slackPayloads(reply, form), ...teamsPayloads(reply, form)]) {
        payloads += 1;
        const leaked = leaks(payload, forbidden, staff);
        if (leaked.length > 0) found.push(`${where}: ${payload} holds ${leaked.join(', ')}`);
      }
    };
    for (const email of demoPersonas) {
      const actor = await findPersonByEmail(store, email);
      if (!actor) throw new Error(email);
      for await (const { reply, form } of repliesOf(store, actor, lines)) check(email, reply, form);
    }
    for (const payload of await outboxPayloads(store)) {
      const reply = await outboxReply(store, { payload } as unknown as OutboxRow, DEMO_NOW);
      if (reply) check(`outbox ${payload.kind}`, reply);
    }
    expect(found.slice(0, 10)).toEqual([]);
    // The sweep saw the buttons that used to carry addresses: choose-from-a-list, the card's forms.
    expect(payloads).toBeGreaterThan(1000);
  });

  it('with the command words readable where the line is shown', async () => {
    const store = await freshDemoStore();
    const reply = await askAs(store, jansen, 'leerling visser');
    const lines = buttonsOf(reply).map((b) => String(b.payload.text));
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/^leerling id:\d+$/);
    const card = await askAs(store, jansen, 'leerling daan.visser@leerling.koersmeer.example');
    expect(buttonsOf(card).map((b) => b.payload)).toEqual([
      { naam: expect.stringMatching(/^id:\d+$/), form: 'doelen.nieuw' },
      { naam: expect.stringMatching(/^id:\d+$/), form: 'gesprek.main' },
    ]);
  });
});

describe('a reference', () => {
  const idOf = async (store: Store, email: string) =>
    (await query<{ id: number }>(store, 'select id from students where email = ?', [email]))[0]?.id ?? 0;

  it('is id:<number>, read back whatever its case, and nothing else is one', () => {
    expect(studentReference(42)).toBe('id:42');
    expect(studentIdOfReference('id:42')).toBe(42);
    expect(studentIdOfReference(' ID:7 ')).toBe(7);
    for (const text of ['id:', 'id:x', 'id 42', 'id:4 2', '42', '#42', 'Iddo', 'id:-1', 'aid:42'])
      expect(studentIdOfReference(text), text).toBeUndefined();
  });

  it('names the one student exactly: a change acts on it, as on a typed address', async () => {
    const store = await freshDemoStore();
    const daan = await idOf(store, 'daan.visser@leerling.koersmeer.example');
    const before = await query(store, 'select count(*) n from goals');
    const reply = await askAs(store, jansen, `doel nieuw id:${daan} "Elke dag plannen" --categorie vak`);
    expect(errorsOf(reply)).toEqual([]);
    expect(await query(store, 'select count(*) n from goals')).not.toEqual(before);
    expect(await query(store, "select student_id from goals where title = 'Elke dag plannen'")).toEqual([
      { student_id: daan },
    ]);
  });

  it('grants nothing: a student out of sight is refused as a typed name is, and the refusal audited', async () => {
    const store = await freshDemoStore();
    const lucas = await idOf(store, 'lucas.bakker@leerling.koersmeer.example');
    // Mirjam Jansen mentors 3H; Lucas is in 4V.
    const byReference = await askAs(store, jansen, `leerling id:${lucas}`);
    const byAddress = await askAs(store, jansen, 'leerling lucas.bakker@leerling.koersmeer.example');
    const nobody = await askAs(store, jansen, 'leerling id:999999');
    expect(errorsOf(byReference)).toEqual(errorsOf(byAddress));
    expect(errorsOf(nobody)).toEqual(errorsOf(byAddress));
    expect(errorsOf(byReference)).toHaveLength(1);
    // Sarina may see only herself.
    const sarina = await askAs(store, 'sarina.elamrani@leerling.koersmeer.example', `pad id:${lucas}`);
    expect(errorsOf(sarina)).toEqual(errorsOf(byAddress));
    expect(
      (
        await query<{ subject: string; detail: unknown }>(
          store,
          "select subject, detail from audit_log where action = 'refused' and subject in ('leerling', 'pad') order by id",
        )
      ).map((row) => ({ ...row, detail: rawJson(row.detail) })),
    ).toEqual([
      { subject: 'leerling', detail: { reason: 'denied' } },
      { subject: 'leerling', detail: { reason: 'denied' } },
      { subject: 'leerling', detail: { reason: 'denied' } },
      { subject: 'pad', detail: { reason: 'denied' } },
    ]);
  });

  it('opens a form only for a student the asker may change, as a form prefilled with an address does', async () => {
    const store = await freshDemoStore();
    const commands = await loadCommands();
    const actor = await findPersonByEmail(store, 'sarina.elamrani@leerling.koersmeer.example');
    if (!actor) throw new Error('no Sarina');
    const daan = await idOf(store, 'daan.visser@leerling.koersmeer.example');
    const opened = await openForm(commands, {
      store,
      actor,
      channel: 'slack',
      now: DEMO_NOW,
      formId: 'doelen.nieuw',
      prefill: { naam: `id:${daan}` },
    });
    expect(opened.outcome).toBe('refused');
    expect(opened.blocks.some((b) => b.type === 'form')).toBe(false);
  });
});
