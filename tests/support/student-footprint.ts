/**
 * A demo student with a trace in every place Koers can keep one, for the export and erasure
 * tests: the morning's signal sweep (signals, a mentor's digest, a talk request), the summary in
 * the staff channel, all of it delivered into the playground's inbox, reads and the student's
 * own use in the audit log, Slack and Teams accounts with a Teams personal chat, a message
 * queued to the Slack account, and an administrator's audit entry whose detail names them.
 * Plus the scan that looks for a student in every table of the database.
 */
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { systemClock } from '../../src/engine/clock.ts';
import { outboxJob } from '../../src/jobs/outbox-job.ts';
import { summariesJob } from '../../src/jobs/summaries.ts';
import { localSender } from '../../src/platforms/local/local-sender.ts';
import { recordAudit } from '../../src/store/audit.ts';
import type { Store } from '../../src/store/database.ts';
import { keepLocalMessage } from '../../src/store/local-inbox.ts';
import { enqueue } from '../../src/store/outbox.ts';
import { findPersonByEmail } from '../../src/store/people.ts';
import { linkPlatformUser } from '../../src/store/platform-identities.ts';
import { saveTeamsConversation } from '../../src/store/teams-conversations.ts';
import { askAs, DEMO_NOW } from './demo.ts';
import { sweep } from './signals.ts';
import { rows } from './store-sql.ts';

export const TENANT = '5d1c2b7e-0a4f-4c2e-9a57-2f0c9b1d8e31';

export type Person = {
  id: number;
  email: string;
  firstName: string;
  lastNamePrefix: string | null;
  lastName: string;
  preferredName: string | null;
  mentorEmail: string | null;
};

export async function studentNamed(store: Store, email: string): Promise<Person> {
  const [student] = await store.raw.all(
    `select s.id, s.email, s.first_name as "firstName", s.last_name_prefix as "lastNamePrefix",
       s.last_name as "lastName", s.preferred_name as "preferredName", m.email as "mentorEmail"
     from students s left join staff m on m.id = s.mentor_id where s.email = ?`,
    [email],
  );
  return student as Person;
}

/** Gives the student a trace everywhere; returns their row, read before anything else changes. */
export async function leaveFootprint(store: Store, email: string): Promise<Person> {
  const student = await studentNamed(store, email);
  const actor = await findPersonByEmail(store, email);
  if (actor?.kind !== 'student') throw new Error(`no demo student ${email}`);
  const fullName = [student.firstName, student.lastNamePrefix, student.lastName].filter(Boolean).join(' ');
  const at = DEMO_NOW.toISOString();
  // Signals, the digests that name the student to the mentor, a talk request.
  await sweep(store, '2026-11-23T06:30');
  // The staff channel's summary (Monday 08:00), which names students with open signals.
  await summariesJob.run({
    store,
    now: DateTime.fromISO('2026-11-23T08:00', { zone: 'Europe/Amsterdam' }),
    platforms: ['local'],
    senders: [],
  });
  await outboxJob.run({
    store,
    now: DateTime.fromISO('2026-11-23T08:01', { zone: 'Europe/Amsterdam' }),
    platforms: ['local'],
    senders: [localSender(store, systemClock)],
  });
  // Read by the mentor, and by the student themselves: audit entries about and by them.
  if (student.mentorEmail) await askAs(store, student.mentorEmail, `leerling ${email}`);
  await askAs(store, email, 'pad');
  // Accounts on Slack and Teams, a Teams personal chat, a prompt queued to the Slack account.
  const slackUser = `U0${student.id.toString().padStart(8, '7')}`;
  const teamsUser = `a0b1c2d3-0000-4000-8000-${student.id.toString().padStart(12, '0')}`;
  await linkPlatformUser(store, {
    platform: 'slack',
    workspaceId: 'T0KOERS',
    userId: slackUser,
    person: actor,
    at,
  });
  await linkPlatformUser(store, {
    platform: 'teams',
    workspaceId: TENANT,
    userId: teamsUser,
    person: actor,
    at,
  });
  await saveTeamsConversation(store, {
    tenantId: TENANT,
    conversationId: `a:personal-${teamsUser}`,
    scope: 'personal',
    userId: teamsUser,
    teamId: null,
    reference: {
      user: { id: `29:${teamsUser}`, aadObjectId: teamsUser },
      conversation: { tenantId: TENANT },
    },
    installedAt: at,
  });
  await enqueue(
    store,
    [
      {
        recipient: { platform: 'slack', workspaceId: 'T0KOERS', userId: slackUser },
        payload: { kind: 'prompt', studentId: student.id, isoWeek: '2026-W49' },
        notBefore: '2026-12-04T12:00:00.000Z',
      },
    ],
    at,
  );
  // An administrator's entry naming the student in its detail (as `koers link` might write one).
  await recordAudit(store, null, [
    {
      at,
      studentId: null,
      action: 'update',
      subject: 'koers link',
      channel: 'cli',
      detail: { email, slack: slackUser },
    },
  ]);
  // A message in a channel that names the student, not linked to them (a summary as it was sent).
  await keepLocalMessage(store, {
    workspaceId: 'koersmeer',
    recipient: 'teamkamer-bovenbouw',
    toChannel: true,
    studentId: null,
    reply: { blocks: [{ type: 'text', text: `Met een open aandachtspunt: ${fullName}` }] },
    deliveredAt: at,
  });
  return student;
}

export type Finding = { table: string; column: string; found: string };

/**
 * Every table of the database (sqlite_master, so a table added later is searched too): an
 * id-ish column (`student_id`, `…_student_id`, `students.id`) holding the id, JSON naming it as
 * `"studentId": id`, or any text (JSON included) holding one of the texts, case-insensitively.
 */
export function tracesInDatabase(file: string, id: number, texts: readonly string[]): Finding[] {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (
      db.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
    const findings: Finding[] = [];
    for (const table of tables) {
      const columns = (db.prepare(`pragma table_info("${table}")`).all() as { name: string }[]).map(
        (c) => c.name,
      );
      for (const column of columns) {
        const ref = `"${table}"."${column}"`;
        const idish =
          column === 'student_id' ||
          column.endsWith('_student_id') ||
          (table === 'students' && column === 'id');
        if (idish && db.prepare(`select 1 from "${table}" where ${ref} = ? limit 1`).get(id))
          findings.push({ table, column, found: `id ${id}` });
        const jsonId = db
          .prepare(`select ${ref} as v from "${table}" where typeof(${ref}) = 'text' and ${ref} like ?`)
          .all('%"studentId":%') as { v: string }[];
        if (jsonId.some((row) => new RegExp(`"studentId":\\s*${id}(?![0-9])`).test(row.v)))
          findings.push({ table, column, found: `"studentId":${id}` });
        for (const text of texts)
          if (
            db
              .prepare(
                `select 1 from "${table}" where typeof(${ref}) = 'text' and instr(lower(${ref}), lower(?)) > 0 limit 1`,
              )
              .get(text)
          )
            findings.push({ table, column, found: text });
      }
    }
    return findings;
  } finally {
    db.close();
  }
}

/**
 * What identifies the student in text: the email, the full names, each name part no other
 * person of the school has in their name or email (a shared surname stays, rightly, with the
 * others who have it), and the ids of their platform accounts (a Slack user id, an Entra id).
 */
export async function identifyingTexts(store: Store, student: Person): Promise<string[]> {
  const others = (
    await rows<{ t: string }>(
      store,
      `select lower(first_name || ' ' || coalesce(preferred_name, '') || ' ' || last_name || ' ' || email) as t
         from students where id <> ?
       union all select lower(name || ' ' || email) from staff`,
      [student.id],
    )
  ).map((row) => row.t);
  const parts = [student.firstName, student.lastName, student.preferredName].filter(
    (part): part is string => part !== null && part.length >= 3,
  );
  const distinctive = parts.filter((part) => !others.some((other) => other.includes(part.toLowerCase())));
  const full = [student.firstName, student.lastNamePrefix, student.lastName].filter(Boolean).join(' ');
  const accounts = (
    await rows<{ id: string }>(store, 'select user_id as id from platform_identities where student_id = ?', [
      student.id,
    ])
  ).map((row) => row.id);
  return [
    ...new Set([
      student.email,
      full,
      `${student.firstName} ${student.lastName}`,
      ...distinctive,
      ...accounts,
    ]),
  ];
}
