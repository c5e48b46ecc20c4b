/**
 * `koers ask` on the demo school: the acceptance of the command engine, as an administrator
 * would try it at a terminal.
 */
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { reply } from '../src/reply/reply.ts';
import type { Store } from '../src/store/store.ts';
import { koers } from './support/cli.ts';
import { freshDemoEnvAndStore } from './support/demo.ts';
import { rows } from './support/store-sql.ts';

const NOW = '2026-11-23T10:00:00+01:00';
const jansen = 'm.jansen@koersmeer.example';
const yilmaz = 'f.yilmaz@koersmeer.example';
const devries = 'p.devries@koersmeer.example';
const sarina = 'sarina.elamrani@leerling.koersmeer.example';

/** The demo school (`koers db seed --demo --now 2026-11-23`), a copy per test on this run's dialect. */
let env: Record<string, string>;
/** The same database, as an administrator would look at it. */
let db: Store;
const ask = (as: string, text: string, ...flags: string[]) =>
  koers(['ask', '--now', NOW, '--as', as, text, ...flags], env);

beforeEach(async () => {
  ({ env, store: db } = await freshDemoEnvAndStore());
});

describe('leerling sarina', () => {
  it('shows her mentor her group, French and Dutch at vwo with the 5,2, her goals and trend', async () => {
    const { code, out } = await ask(jansen, 'leerling sarina');
    expect(code).toBe(0);
    expect(out).toMatch(/^Sarina El Amrani\n═+/);
    expect(out).toMatch(/Groep:\s+3H/);
    expect(out).toMatch(/Frans\s+vwo\s+5,2/);
    expect(out).toMatch(/Nederlands\s+vwo\s+7,4/);
    const goals = await rows<{ title: string }>(
      db,
      "select title from goals where student_id = 1 and status = 'open'",
    );
    expect(goals.length).toBeGreaterThan(0);
    for (const { title } of goals) expect(out).toContain(title);
    expect(out).toMatch(/Welbevinden\s+[▁▂▃▄▅▆▇█]{8}/);
    expect(out).toContain('[Doel toevoegen]');
  });

  it('speaks English with --locale en, a grade with a decimal point', async () => {
    const { out } = await ask(jansen, 'student sarina', '--locale', 'en');
    expect(out).toMatch(/French\s+vwo\s+5\.2/);
    expect(out).toContain('Subjects at another level');
    expect(out).toMatch(/Wellbeing\s+[▁▂▃▄▅▆▇█]{8}/);
    expect(out).not.toContain('Welbevinden');
  });

  it('refuses the mentor of another group with exactly the answer for a name that does not exist', async () => {
    const refused = await ask(yilmaz, 'leerling sarina');
    const unknown = await ask(yilmaz, 'leerling Xyzzy Qwerty');
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('✗ Je hebt geen toegang tot deze leerling of de leerling bestaat niet.');
    expect(unknown).toEqual(refused);
  });

  it('shows her French teacher her pathway without anything she wrote or her wellbeing', async () => {
    const { code, out } = await ask(devries, 'leerling sarina');
    expect(code).toBe(0);
    expect(out).toMatch(/Frans\s+vwo\s+5,2/);
    const texts = await rows<{ text: string }>(
      db,
      `select went_well as text from reflections where student_id = 1 and went_well is not null
       union select next_step from reflections where student_id = 1 and next_step is not null
       union select summary from conversations where student_id = 1 and summary is not null`,
    );
    expect(texts.length).toBeGreaterThan(0);
    for (const { text } of texts) expect(out).not.toContain(text);
    expect(out).not.toContain('Welbevinden');
    expect(out).not.toContain('[Gesprek vastleggen]');
  });

  it('shows her mentor what she last wrote', async () => {
    const { out } = await ask(jansen, 'leerling sarina');
    expect(out).toContain('Ik begreep de uitleg van wiskunde deze week.');
  });
});

describe('a student', () => {
  it('is refused another student', async () => {
    const { code, out } = await ask(sarina, 'leerling daan');
    expect(code).toBe(1);
    expect(out).not.toContain('Daan');
    expect(out).not.toContain('Visser');
  });

  it('sees her own pathway with pad', async () => {
    const { code, out } = await ask(sarina, 'pad');
    expect(code).toBe(0);
    expect(out).toContain('Leerroute van Sarina El Amrani');
    expect(out).toMatch(/Frans ▲\s+vwo\s+2029-06\s+5,2/);
    expect(out).toContain('Lid van de leerlingenraad');
  });

  it('sees her own goals with doelen, and not those of another student', async () => {
    const { out } = await ask(sarina, 'doelen');
    for (const { title } of await rows<{ title: string }>(db, 'select title from goals where student_id = 1'))
      expect(out).toContain(title);
    const daan = await ask(sarina, 'doelen daan');
    expect(daan.code).toBe(1);
    expect(daan.out).toBe('✗ Je hebt geen toegang tot deze leerling of de leerling bestaat niet.');
  });
});

describe('finding a name', () => {
  it.each(['SARÍNA', 'el amrani', 'Sarina El Amrani', sarina])('finds Sarina by %s', async (name) => {
    const { code, out } = await ask(jansen, `leerling ${name}`);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('Sarina El Amrani');
  });

  it('finds Sarina by sarna, and says the name was not exact', async () => {
    const { code, out } = await ask(jansen, 'leerling sarna');
    expect(code).toBe(0);
    expect(out.split('\n').slice(0, 3)).toEqual([
      "Niemand heet precies 'sarna'; dit is Sarina El Amrani.",
      '',
      'Sarina El Amrani',
    ]);
  });

  it('offers a list for visser, with a button per student that runs the command for that one', async () => {
    const { out } = await ask(jansen, 'leerling visser', '--json');
    const answer = reply.parse(JSON.parse(out));
    const list = answer.blocks.find((b) => b.type === 'list');
    expect(list?.type).toBe('list');
    const items = list?.type === 'list' ? list.items : [];
    expect(items.map((i) => i.text)).toContain('Daan Visser');
    expect(items.length).toBeGreaterThan(1);
    const daan = items.find((i) => i.text === 'Daan Visser');
    // Named by reference, not by address: the command word stays readable, the student is an id.
    expect(daan?.button?.payload.text).toMatch(/^leerling id:\d+$/);
    const chosen = await ask(jansen, daan?.button?.payload.text ?? '');
    expect(chosen.out.split('\n')[0]).toBe('Daan Visser');
  });

  it('with a full name picks the one person', async () => {
    const { out } = await ask(jansen, 'leerling daan visser');
    expect(out.split('\n')[0]).toBe('Daan Visser');
  });
});

describe('koers ask', () => {
  it('prints the Reply as JSON with --json', async () => {
    const { code, out } = await ask(jansen, 'leerling sarina', '--json');
    expect(code).toBe(0);
    const answer = reply.parse(JSON.parse(out));
    expect(answer.locale).toBe('nl');
    expect(answer.blocks[0]).toEqual({ type: 'header', text: 'Sarina El Amrani' });
    expect(answer.blocks.some((b) => b.type === 'trend')).toBe(true);
  });

  it('refuses an unknown person with exit 1 and changes nothing', async () => {
    const before = await rows(db, 'select count(*) as n from audit_log');
    const { code, err } = await ask('nobody@example.org', 'help');
    expect(code).toBe(1);
    expect(err).toBe('Niemand met het e-mailadres nobody@example.org in deze database.');
    expect(await rows(db, 'select count(*) as n from audit_log')).toEqual(before);
  });

  it('explains a wrong --locale or a missing --as in Dutch, with exit 2', async () => {
    const wrong = await ask(jansen, 'help', '--locale', 'fr');
    expect(wrong).toMatchObject({
      code: 2,
      err: "'fr' is geen taal van Koers; kies nl of en\nZie: koers ask --help",
    });
    const missing = await koers(['ask', 'help'], env);
    expect(missing).toMatchObject({ code: 2, err: "Optie '--as' is verplicht.\nZie: koers ask --help" });
  });

  it('accepts the command as several words', async () => {
    const { out } = await koers(['ask', '--as', jansen, 'leerling', 'el', 'amrani'], env);
    expect(out.split('\n')[0]).toBe('Sarina El Amrani');
  });
});

describe('the audit log', () => {
  it('records every read with actor, student, command, channel and the real time, and koers audit lists it', async () => {
    const started = new Date().toISOString();
    await ask(jansen, 'leerling sarina');
    const read = await rows<{ actor: string; action: string; subject: string; channel: string; at: string }>(
      db,
      `select st.email as actor, a.action, a.subject, a.channel, a.at from audit_log a
       join staff st on st.id = a.actor_staff_id where a.student_id = 1 order by a.id desc limit 1`,
    );
    expect(read).toEqual([
      { actor: jansen, action: 'read', subject: 'leerling', channel: 'cli', at: expect.any(String) },
    ]);
    // `--now` pretends for the command, never for the audit log.
    const at = read[0]?.at ?? '';
    expect(at >= started && at <= new Date().toISOString()).toBe(true);
    const { code, out } = await koers(['audit', sarina], env);
    expect(code).toBe(0);
    // In the school's clock, in columns under a header (tests/audit-command.test.ts has the details).
    const local = DateTime.fromISO(at).setZone('Europe/Amsterdam').toFormat('yyyy-MM-dd HH:mm:ss');
    expect(out.split('\n').map((line) => line.split(/\s{2,}/))).toContainEqual([
      local,
      jansen,
      'ingezien',
      'leerling',
      'cli',
    ]);
  });

  it('records no read for a refusal', async () => {
    const before = await rows(db, 'select count(*) as n from audit_log where student_id = 1');
    await ask(yilmaz, 'leerling sarina');
    await ask(sarina, 'leerling sarina');
    expect(await rows(db, 'select count(*) as n from audit_log where student_id = 1')).toEqual(before);
  });

  it('says so for an email that is no student', async () => {
    const { code, err } = await koers(['audit', 'm.jansen@koersmeer.example'], env);
    expect(code).toBe(1);
    expect(err).toBe('Geen leerling met het e-mailadres m.jansen@koersmeer.example in deze database.');
  });
});
