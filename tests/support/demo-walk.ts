/**
 * Every reply and every form the commands can give on the demo school, for the renderer tests
 * that must show each platform can draw all of them.
 */

import { DateTime } from 'luxon';
import type { Channel } from '../../src/domain/enums.ts';
import { openForm } from '../../src/engine/forms.ts';
import { loadCommands } from '../../src/engine/registry.ts';
import { signalsJob } from '../../src/jobs/signals.ts';
import type { Reply } from '../../src/reply/reply.ts';
import type { Store } from '../../src/store/database.ts';
import { findPersonByEmail } from '../../src/store/people.ts';
import { DEMO_NOW } from './demo.ts';

/** The demo personas of tests/permissions.test.ts, and the teacher and staff member it leaves out. */
export const demoPersonas = [
  'm.jansen@koersmeer.example',
  'p.devries@koersmeer.example',
  'a.benali@koersmeer.example',
  'f.yilmaz@koersmeer.example',
  'z.bos@koersmeer.example',
  't.smit@koersmeer.example',
  'beheer@koersmeer.example',
  'sarina.elamrani@leerling.koersmeer.example',
  'daan.visser@leerling.koersmeer.example',
  's.kok@koersmeer.example',
];

const emails = async (store: Store, sql: string) => (await store.raw.all(sql)) as { email: string }[];

/** Every command line worth rendering: help for each command, each list, each student's views, mistakes. */
export async function demoCommandLines(store: Store): Promise<string[]> {
  const names = (await loadCommands()).map((command) => command.name);
  const students = (await emails(store, 'select email from students')).map((row) => row.email);
  return [
    'help',
    ...names.map((name) => `help ${name}`),
    'mijn',
    'signalen',
    'arrangement',
    'instellingen',
    'pad',
    'doelen',
    ...students.flatMap((email) => ['leerling', 'pad', 'doelen', 'arrangement'].map((c) => `${c} ${email}`)),
    'leerlig x',
    'doel nieuw',
    'leerling visser',
  ];
}

export async function demoFormIds(): Promise<string[]> {
  return (await loadCommands()).flatMap((c) =>
    c.actions.filter((a) => a.form).map((a) => `${c.name}.${a.name}`),
  );
}

/** Every form opened by every persona for every student and arrangement: a form, or its refusal. */
export async function* demoFormReplies(
  store: Store,
  channel: Channel,
): AsyncGenerator<{ where: string; formId: string; reply: Reply }> {
  const commands = await loadCommands();
  // A school's morning: the sweep has opened its signals, so their forms can be opened too.
  await signalsJob.run({ store, now: DateTime.fromJSDate(DEMO_NOW), platforms: ['local'], senders: [] });
  const ids = async (table: string) =>
    ((await store.raw.all(`select id from ${table}`)) as { id: number }[]).map((row) => ({
      nummer: String(row.id),
    }));
  const prefills = [
    ...(await emails(store, 'select email from students')).map((row) => ({ naam: row.email })),
    ...(await ids('arrangements')),
    ...(await ids('signals')),
  ];
  for (const email of demoPersonas) {
    const actor = await findPersonByEmail(store, email);
    if (!actor) throw new Error(`no demo person ${email}`);
    for (const formId of await demoFormIds())
      for (const prefill of prefills) {
        const reply = await openForm(commands, { store, actor, channel, now: DEMO_NOW, formId, prefill });
        yield { where: `${email} ${formId} ${JSON.stringify(prefill)}`, formId, reply };
      }
  }
}
