/**
 * The local playground over HTTP (src/platforms/local): the person picker, acting as a person
 * through the same pipeline as Slack and Teams, forms with their errors, the clock that runs the
 * due jobs, the reset, and who may reach it. The same flows in a real browser, with axe, are in
 * tests/playground-browser.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Running } from '../src/app/start.ts';
import type { Config } from '../src/config.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { localAdapter } from '../src/platforms/local/local-adapter.ts';
import { createHttpServer, listen } from '../src/server/http-server.ts';
import { openConfiguredStore } from '../src/store/open.ts';
import type { SqlValue } from '../src/store/store.ts';
import { databaseOf, emptyDatabaseEnv } from './support/demo.ts';
import { playgroundClient, textOf } from './support/playground-client.ts';
import { startKoers } from './support/running.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const JANSEN = 'm.jansen@koersmeer.example';
const DEVRIES = 'p.devries@koersmeer.example';
const YARA = 'yara.wijaya@leerling.koersmeer.example';
const person = (email: string) => `/persoon?als=${encodeURIComponent(email)}`;

const running: Running[] = [];
afterEach(async () => {
  for (const koers of running.splice(0)) await koers.stop();
});

/** Where Koers keeps its data: a SQLite file, or a PostgreSQL database (`DATABASE_URL`). */
type Database = Pick<Config, 'databasePath' | 'databaseUrl'>;

/** An empty database of this run's dialect (tests/support/demo.ts). */
const emptyDatabase = async (): Promise<Database> => databaseOf(await emptyDatabaseEnv());

/** `npm start` in local mode on an empty database: the demo school, seeded and swept at today. */
async function playground(given?: Database) {
  const db = given ?? (await emptyDatabase());
  const koers = await startKoers(db, { slack: undefined, teams: undefined });
  running.push(koers);
  return { client: playgroundClient(koers.port), db, koers };
}

/** Reads the database with plain SQL, on a connection of its own, as an administrator would. */
async function query(db: Database, sql: string, ...params: SqlValue[]) {
  const { store } = await openConfiguredStore(db, { create: false, migrate: false });
  try {
    return await rows(store, sql, params);
  } finally {
    await store.close();
  }
}

/** Whether a reply (JSON: text on SQLite, jsonb on PostgreSQL) contains a piece of text, case and all. */
const replySays = (piece: string) => `replace(cast(reply as text), '${piece}', '') <> cast(reply as text)`;

const section = (html: string, id: string) => {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  const end = html.indexOf('</section>', start);
  return start < 0 ? '' : html.slice(start, end);
};

describe('the person picker', () => {
  it('lists the demo personas first, grouped by role, and the team channel', async () => {
    const { client } = await playground();
    const home = await client.get('/');
    expect(home.status).toBe(200);
    const text = textOf(home.html);
    expect(text).toContain('Wie ben je?');
    // Mentors, then the care coordinator, the team leader and the administrator, then students.
    const order = [
      'Mentoren',
      'Mirjam Jansen',
      'Pieter de Vries',
      'Fatima Yilmaz',
      'Zorgcoördinator',
      'Zoë Bos',
    ];
    const positions = order.map((word) => text.indexOf(word));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const name of ['Tom Smit', 'Beheer', 'Daan Visser', 'Noor Hendriks', 'Yara Wijaya'])
      expect(text).toContain(name);
    expect(text.indexOf('Yara Wijaya')).toBeLessThan(text.indexOf('Iedereen op school'));
    expect(text).toContain('#teamkamer-bovenbouw stafkanaal');
    expect(home.html).toContain('<html lang="nl">');
  });
});

describe('acting as a person', () => {
  it('answers a typed command in the conversation: Mirjam asks for Daan', async () => {
    const { client } = await playground();
    const sent = await client.post('/persoon/opdracht', { als: JANSEN, tekst: 'leerling daan' });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`${person(JANSEN)}#laatste`);
    const page = await client.get(person(JANSEN));
    const conversation = section(page.html, 'gesprek-titel');
    expect(textOf(conversation)).toContain('Jij: leerling daan');
    expect(textOf(conversation)).toContain('Daan Visser');
    // His trend as a sparkline with its values said, and his signals.
    expect(conversation).toMatch(/<svg class="sparkline" role="img" aria-label="Welbevinden: 4 → 2/);
    expect(textOf(conversation)).toContain('welbevinden daalt');
    // The help beside the command box is Mirjam's own.
    expect(textOf(section(page.html, 'opdracht-titel'))).toContain('leerling');
  });

  it('opens the reflection from the prompt, keeps a refused form with its errors, and stores nothing', async () => {
    const { client, db } = await playground();
    await client.post('/klok', { step: 'reflectiemoment', back: '/' });
    const yara = await client.get(person(YARA));
    const week = /&quot;week&quot;:&quot;(\d{4}-W\d{2})&quot;/.exec(yara.html)?.[1];
    expect(week).toBeDefined();
    const opened = await client.post('/persoon/knop', {
      als: YARA,
      actionId: 'koers.form',
      payload: JSON.stringify({ week, form: 'reflectie.invullen' }),
    });
    expect(opened.status).toBe(200);
    expect(opened.html).toMatch(/<label for="[^"]+">Hoe gaat het met je\?/);
    // A browser would not send it, but a score of 9 is refused on its input, the rest kept.
    const refused = await client.post('/persoon/formulier', {
      als: YARA,
      formId: 'reflectie.invullen',
      payload: JSON.stringify({ week }),
      'field.welbevinden': '9',
      'field.motivatie': '3',
      'field.grip': '3',
      'field.uitdaging': 'precies-goed',
      'field.praten': 'true',
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toMatch(
      /<select[^>]*name="field\.welbevinden"[^>]*aria-invalid="true"|<select[^>]*aria-invalid="true"[^>]*name="field\.welbevinden"/,
    );
    expect(refused.html).toMatch(/<option value="precies-goed" selected>/);
    expect(refused.html).toMatch(/<input type="checkbox"[^>]*name="field\.praten"[^>]*checked/);
    expect(await query(db, 'select count(*) as n from reflections where iso_week = ?', week ?? '')).toEqual([
      { n: 0 },
    ]);
  });

  it('delivers a talk request to the mentor at once, and the signal is on the card', async () => {
    const { client } = await playground();
    await client.post('/klok', { step: 'reflectiemoment', back: '/' });
    const week =
      /&quot;week&quot;:&quot;(\d{4}-W\d{2})&quot;/.exec((await client.get(person(YARA))).html)?.[1] ?? '';
    const done = await client.post('/persoon/formulier', {
      als: YARA,
      formId: 'reflectie.invullen',
      payload: JSON.stringify({ week }),
      'field.welbevinden': '2',
      'field.motivatie': '3',
      'field.grip': '3',
      'field.uitdaging': 'precies-goed',
      'field.praten': 'true',
    });
    expect(done.status).toBe(303);
    const mentor = await client.get(person(DEVRIES));
    const inbox = textOf(section(mentor.html, 'berichten-titel'));
    expect(inbox).toContain(
      `Yara Wijaya wil graag met je praten (weekreflectie week ${Number(week.slice(6))})`,
    );
    // Mirjam is not her mentor: nothing of it reaches her.
    expect(textOf(section((await client.get(person(JANSEN))).html, 'berichten-titel'))).not.toContain('Yara');
    // Her button names her by an opaque id; what was pressed is shown in its own words.
    const button =
      /<input type="hidden" name="payload" value="(\{&quot;text&quot;:&quot;leerling id:\d+&quot;\})"/.exec(
        mentor.html,
      )?.[1];
    expect(button).toBeDefined();
    await client.post('/persoon/knop', {
      als: DEVRIES,
      actionId: 'koers.run',
      payload: (button ?? '').replaceAll('&quot;', '"'),
      said: 'Bekijk Yara Wijaya',
    });
    const card = textOf(section((await client.get(person(DEVRIES))).html, 'gesprek-titel'));
    expect(card).toContain('Jij: Bekijk Yara Wijaya');
    expect(card).toContain('gespreksverzoek');
  });
});

describe('the clock', () => {
  it('moves to the next reflection moment, prompts every student, and keeps its time across a restart', async () => {
    const { client, db, koers } = await playground();
    const before = /data-testid="moment">([^<]+)/.exec((await client.get('/')).html)?.[1];
    await client.post('/klok', { step: 'reflectiemoment', back: '/' });
    const moment = /data-testid="moment">([^<]+)/.exec((await client.get('/')).html)?.[1];
    expect(moment).not.toBe(before);
    expect(moment).toMatch(/^Het is nu vrijdag \d+ \w+ \d{4}, 13:01 \(speelplaatstijd\)$/);
    const prompts = await query(
      db,
      `select count(*) as n from local_messages where to_channel = false and ${replySays('Weekreflectie week')}`,
    );
    expect(prompts).toEqual([{ n: 75 }]);
    await koers.stop();
    running.splice(running.indexOf(koers), 1);
    const again = await playground(db);
    expect(/data-testid="moment">([^<]+)/.exec((await again.client.get('/')).html)?.[1]?.slice(0, 40)).toBe(
      moment?.slice(0, 40),
    );
  });

  it('posts the summary with its chart into the team channel on Monday', async () => {
    const { client } = await playground();
    await client.post('/klok', { step: 'week', back: '/' });
    const channel = await client.get('/kanaal?id=teamkamer-bovenbouw');
    expect(channel.status).toBe(200);
    expect(textOf(channel.html)).toContain('Samenvatting team Bovenbouw');
    expect(channel.html).toMatch(/<img [^>]*src="data:image\/png;base64,iVBORw0KGgo/);
  });

  it('goes back to the demo school: changes, messages and the clock undone', async () => {
    const { client, db } = await playground();
    await client.post('/persoon/opdracht', { als: JANSEN, tekst: 'leerling daan' });
    await client.post('/klok', { step: 'week', back: '/' });
    expect(
      await query(db, 'select case when offset_ms > 0 then 1 else 0 end as ahead from local_clock'),
    ).toEqual([{ ahead: 1 }]);
    const reset = await client.post('/opnieuw', {});
    expect(reset.status).toBe(303);
    expect(await query(db, 'select offset_ms from local_clock')).toEqual([{ offset_ms: 0 }]);
    expect(await query(db, 'select count(*) as n from students')).toEqual([{ n: 75 }]);
    expect(
      await query(db, `select count(*) as n from local_messages where ${replySays('Weekreflectie week')}`),
    ).toEqual([{ n: 0 }]);
    expect(textOf(section((await client.get(person(JANSEN))).html, 'gesprek-titel'))).toContain(
      'Nog niets gevraagd',
    );
  });
});

describe('who may reach it', () => {
  it('refuses a form without the page’s token, another host name, and an unknown person', async () => {
    const { client, db } = await playground();
    const forged = await client.post('/opnieuw', {}, { token: 'x'.repeat(32) });
    expect(forged.status).toBe(403);
    expect(textOf(forged.html)).toContain('Dit formulier is verlopen');
    const moved = await client.post('/klok', { step: 'week', back: '/' }, { token: '' });
    expect(moved.status).toBe(403);
    expect(await query(db, 'select count(*) as n from local_clock')).toEqual([{ n: 0 }]);
    // A DNS name rebound to this machine is not this machine's name.
    expect(await client.raw('/', { host: 'evil.example' })).toBe(403);
    expect(await client.raw('/', { host: `localhost:${new URL(client.base).port}` })).toBe(200);
    expect((await client.get(person('nobody@koersmeer.example'))).status).toBe(404);
    // A redirect never leaves the playground.
    const away = await client.post('/klok', { step: 'dag', back: '//evil.example/' });
    expect(away.location).toBe('/');
  });

  it('beside a real platform: this machine only, not through a proxy; the clock follows the real time', async () => {
    const { store } = await openConfiguredStore(await emptyDatabase(), { create: true, migrate: true });
    const adapter = await localAdapter({
      store,
      commands: await loadCommands(),
      config: {
        databasePath: '',
        port: 0,
        timeZone: 'Europe/Amsterdam',
        locale: 'nl',
        playground: true,
        slack: { botToken: 'xoxb-test', signingSecret: 's'.repeat(32) },
        teams: undefined,
      },
    });
    expect(adapter.clock).toBeUndefined();
    const server = createHttpServer(adapter.routes);
    const port = await listen(server, 0, '127.0.0.1');
    try {
      const client = playgroundClient(port);
      const home = await client.get('/');
      expect(textOf(home.html)).toContain('Speelplaats voor training');
      expect(textOf(home.html)).toContain('De klok loopt gelijk met de echte tijd');
      expect(home.html).not.toContain('/opnieuw');
      expect(await client.raw('/', { host: 'localhost', 'x-forwarded-for': '203.0.113.7' })).toBe(403);
      await client.post('/klok', { step: 'week', back: '/' });
      await client.post('/opnieuw', {});
      expect(await rows(store, 'select count(*) as n from local_clock')).toEqual([{ n: 0 }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    }
  });
});

describe('the inbox', () => {
  it('forgets a student’s messages with the student', async () => {
    const { client, db, koers } = await playground();
    await client.post('/klok', { step: 'reflectiemoment', back: '/' });
    await koers.stop();
    running.splice(running.indexOf(koers), 1);
    // The store's connection enforces foreign keys (on SQLite `foreign_keys = ON`, as Koers opens it).
    const { store } = await openConfiguredStore(db, { create: false, migrate: false });
    try {
      const [yara] = await rows<{ id: number }>(store, 'select id from students where email = ?', [YARA]);
      if (!yara) throw new Error('no Yara');
      // Her prompt, and the talk request about her to her mentor.
      expect(
        await rows(store, 'select count(*) as n from local_messages where student_id = ?', [yara.id]),
      ).toEqual([{ n: 2 }]);
      await arrangeIn(store, 'delete from students where id = ?', [yara.id]);
      expect(
        await rows(store, 'select count(*) as n from local_messages where student_id = ?', [yara.id]),
      ).toEqual([{ n: 0 }]);
    } finally {
      await store.close();
    }
  });
});
