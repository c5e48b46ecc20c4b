/**
 * Koers in Slack over real HTTP: signed requests, shaped as Slack documents them, go to
 * `POST /slack/events` of the running server; a local fake Slack Web API records what Koers sends.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { start } from '../src/app/start.ts';
import { rawBoolean } from '../src/store/raw-values.ts';
import type { Store } from '../src/store/store.ts';
import { koers } from './support/cli.ts';
import { databaseOf, freshDemoEnv, freshDemoEnvAndStore } from './support/demo.ts';
import { fakeSlack, postToSlackEndpoint } from './support/fake-slack.ts';
import { startKoers } from './support/running.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const SECRET = 'test-signing-secret-0123456789abcdef';
const TEAM = 'T0KOERS';
const users = {
  U0JANSEN: { email: 'm.jansen@koersmeer.example' },
  U0SARINA: { email: 'sarina.elamrani@leerling.koersmeer.example', locale: 'nl-NL' },
  U0BOS: { email: 'z.bos@koersmeer.example' },
  U0SMIT: { email: 't.smit@koersmeer.example', locale: 'en-GB' },
  U0NOBODY: { email: 'someone@elsewhere.example' },
  U0UNCONFIRMED: { email: 'p.devries@koersmeer.example', confirmed: false },
  U0GUEST: { email: 'p.devries@koersmeer.example', team: 'T0OTHER' },
};

let slack: Awaited<ReturnType<typeof fakeSlack>>;
let running: Awaited<ReturnType<typeof start>>;
/** Where the running server's database is, for `koers` (KOERS_DB or DATABASE_URL). */
let env: Record<string, string>;
/** A second connection to the running server's database, as an administrator would open one. */
let store: Store;
let endpoint: string;

beforeEach(async () => {
  slack = await fakeSlack(users);
  ({ env, store } = await freshDemoEnvAndStore());
  running = await startKoers(databaseOf(env), {
    slack: { botToken: 'xoxb-test-token', signingSecret: SECRET, apiUrl: slack.apiUrl },
    teams: undefined,
  });
  endpoint = `http://127.0.0.1:${running.port}/slack/events`;
});

afterEach(async () => {
  await running.stop();
  await slack.close();
});

let triggers = 0;
const trigger = () => `trigger-${++triggers}-${Date.now()}`;

function slashCommand(user: string, text: string, extra: Record<string, string> = {}) {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: TEAM,
    team_domain: 'koersmeer',
    channel_id: 'C0TEAMKAMER',
    channel_name: 'teamkamer',
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/koers',
    text,
    api_app_id: 'A0KOERS',
    response_url: slack.responseUrl(`cmd-${triggers}`),
    trigger_id: trigger(),
    ...extra,
  }).toString();
  return body;
}

const post = (body: string, options: Partial<Parameters<typeof postToSlackEndpoint>[2]> = {}) =>
  postToSlackEndpoint(endpoint, body, {
    secret: SECRET,
    contentType: 'application/x-www-form-urlencoded',
    ...options,
  });

const interaction = (payload: Record<string, unknown>) =>
  `payload=${encodeURIComponent(JSON.stringify(payload))}`;

function buttonPress(user: string, value: Record<string, string>, actionId: string) {
  return interaction({
    type: 'block_actions',
    team: { id: TEAM, domain: 'koersmeer' },
    user: { id: user, team_id: TEAM, username: user.toLowerCase() },
    api_app_id: 'A0KOERS',
    trigger_id: trigger(),
    response_url: slack.responseUrl(`action-${triggers}`),
    container: { type: 'message', message_ts: '1.2', channel_id: 'C0TEAMKAMER', is_ephemeral: true },
    channel: { id: 'C0TEAMKAMER', name: 'teamkamer' },
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'b1',
        value: JSON.stringify(value),
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  });
}

type SentView = {
  callback_id: string;
  private_metadata: string;
  blocks: { type: string; block_id?: string; element?: { type: string } }[];
};

function viewSubmission(
  user: string,
  view: SentView,
  values: Record<string, Record<string, unknown>>,
  id = 'V0VIEW',
  hash = 'h1',
) {
  return interaction({
    type: 'view_submission',
    team: { id: TEAM, domain: 'koersmeer' },
    user: { id: user, team_id: TEAM },
    api_app_id: 'A0KOERS',
    trigger_id: trigger(),
    view: {
      id,
      hash,
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      blocks: view.blocks,
      state: { values },
    },
  });
}

const textOf = (call: { body: Record<string, unknown> }) => JSON.stringify(call.body);

describe('/koers', () => {
  it('answers a mentor with the pathway card as Block Kit, ephemeral, after linking her by email once', async () => {
    const response = await post(slashCommand('U0JANSEN', 'leerling sarina'));
    expect(response.status).toBe(200);
    const [answer] = await slack.waitFor('respond');
    expect(answer?.body.response_type).toBe('ephemeral');
    const blocks = answer?.body.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Sarina El Amrani' } });
    expect(textOf(answer as never)).toContain('5,2');
    expect(
      await rows(store, "select user_id, person_kind from platform_identities where platform = 'slack'"),
    ).toEqual([{ user_id: 'U0JANSEN', person_kind: 'staff' }]);
    await post(slashCommand('U0JANSEN', 'leerling daan visser'));
    await slack.waitFor('respond', 2);
    expect(slack.calls('users.info')).toHaveLength(1);
    expect(await rows(store, "select channel, subject from audit_log where channel = 'slack'")).toEqual([
      { channel: 'slack', subject: 'leerling' },
      { channel: 'slack', subject: 'leerling' },
    ]);
  });

  it('tells an unlinked Slack user why, and nothing else', async () => {
    await post(slashCommand('U0NOBODY', 'leerling sarina'));
    const [answer] = await slack.waitFor('respond');
    expect(textOf(answer as never)).toContain('niet gekoppeld aan Koers');
    expect(textOf(answer as never)).not.toContain('Sarina');
    expect(
      await rows(store, "select count(*) as n from platform_identities where platform = 'slack'"),
    ).toEqual([{ n: 0 }]);
  });

  it('links nobody by an unconfirmed email or from another workspace', async () => {
    await post(slashCommand('U0UNCONFIRMED', 'leerling sarina'));
    await slack.waitFor('respond', 1);
    await post(slashCommand('U0GUEST', 'leerling sarina', { team_id: 'T0OTHER' }));
    await slack.waitFor('respond', 2);
    await post(slashCommand('U0GUEST', 'leerling sarina'));
    const answers = await slack.waitFor('respond', 3);
    expect(answers.map((a) => textOf(a))).toEqual([
      expect.stringContaining('niet gekoppeld aan Koers'),
      expect.stringContaining('alleen voor de Slack-werkruimte van de school'),
      expect.stringContaining('niet gekoppeld aan Koers'),
    ]);
    expect(
      await rows(store, "select count(*) as n from platform_identities where platform = 'slack'"),
    ).toEqual([{ n: 0 }]);
  });

  it('tells a user Slack does not know (user_not_found) that they are not linked', async () => {
    // Slack failing itself still gets an error id: tests/slack-hardening.test.ts.
    const response = await post(slashCommand('U0UNKNOWNTOSLACK', 'help'));
    expect(response.status).toBe(200);
    const [answer] = await slack.waitFor('respond');
    expect(textOf(answer as never)).toContain('niet gekoppeld aan Koers');
  });

  it("speaks the Slack user's language when the Koers person has none", async () => {
    await post(slashCommand('U0SMIT', 'student sarina'));
    const [answer] = await slack.waitFor('respond');
    expect(textOf(answer as never)).toContain('Subjects at another level');
  });
});

describe('requests that are not from Slack', () => {
  const refusedWithoutEffect = async (response: Response) => {
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Bolt checks its token once at start (auth.test); nothing after that.
    expect(slack.calls().filter((call) => call.method !== 'auth.test')).toEqual([]);
    expect(await rows(store, "select count(*) as n from audit_log where channel = 'slack'")).toEqual([
      { n: 0 },
    ]);
  };

  it('a forged signature gets 401 and no effect', async () => {
    await refusedWithoutEffect(
      await post(slashCommand('U0JANSEN', 'leerling sarina'), { signature: `v0=${'0'.repeat(64)}` }),
    );
  });

  it('an unsigned request gets 401', async () => {
    await refusedWithoutEffect(await post(slashCommand('U0JANSEN', 'leerling sarina'), { signature: null }));
  });

  it('a timestamp more than five minutes old gets 401', async () => {
    await refusedWithoutEffect(
      await post(slashCommand('U0JANSEN', 'leerling sarina'), {
        timestamp: Math.floor(Date.now() / 1000) - 360,
      }),
    );
  });

  it('a timestamp more than five minutes ahead gets 401', async () => {
    await refusedWithoutEffect(
      await post(slashCommand('U0JANSEN', 'leerling sarina'), {
        timestamp: Math.floor(Date.now() / 1000) + 360,
      }),
    );
  });

  it('a replayed request, signed and fresh, is carried out once', async () => {
    const body = slashCommand('U0JANSEN', 'doel nieuw sarina el amrani "Replay-doel" --categorie talent');
    await post(body);
    await post(body);
    await slack.waitFor('respond');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.calls('respond')).toHaveLength(1);
    expect(await rows(store, "select count(*) as n from goals where title = 'Replay-doel'")).toEqual([
      { n: 1 },
    ]);
  });

  it('a signed payload that is not shaped as Slack sends it gets 400', async () => {
    const response = await post(
      interaction({ type: 'view_submission', view: { callback_id: 'doelen.nieuw', state: {} } }),
    );
    expect(response.status).toBe(400);
  });

  it('a malformed payload gets 400', async () => {
    const response = await post('payload=%7Bnot-json');
    expect(response.status).toBe(400);
  });
});

describe('buttons and modals', () => {
  async function openGoalModal(user: string) {
    await post(
      buttonPress(
        user,
        { form: 'doelen.nieuw', naam: 'sarina.elamrani@leerling.koersmeer.example' },
        'koers.form',
      ),
    );
    const [opened] = await slack.waitFor('views.open');
    return opened?.body.view as SentView;
  }

  it('"add a goal" opens a modal, shows field errors inside it, and stores a valid goal once', async () => {
    const view = await openGoalModal('U0JANSEN');
    expect(view.callback_id).toBe('doelen.nieuw');
    expect(view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual([
      'titel',
      'categorie',
      'vak',
      'tot',
    ]);

    const invalid = await post(
      viewSubmission(
        'U0JANSEN',
        view,
        { titel: { titel: { type: 'plain_text_input', value: '' } } },
        'V1',
        'h1',
      ),
    );
    expect(invalid.status).toBe(200);
    const errors = (await invalid.json()) as { response_action: string; errors: Record<string, string> };
    expect(errors.response_action).toBe('errors');
    expect(Object.keys(errors.errors)).toEqual(['titel']);
    expect(errors.errors.titel).toMatch(/^Vul dit in/);

    const values = {
      titel: { titel: { type: 'plain_text_input', value: 'Elke week Franse woordjes' } },
      categorie: { categorie: { type: 'static_select', selected_option: { value: 'vak' } } },
      vak: { vak: { type: 'static_select', selected_option: { value: 'frans' } } },
      tot: { tot: { type: 'datepicker', selected_date: '2026-12-18' } },
    };
    // Slack keeps the view's id and hash when it shows errors; the corrected submission differs only in its values.
    const submission = viewSubmission('U0JANSEN', view, values, 'V1', 'h1');
    const done = await post(submission);
    expect(await done.json()).toEqual({ response_action: 'clear' });
    const [dm] = await slack.waitFor('chat.postMessage');
    expect(dm?.body.channel).toBe('DU0JANSEN');
    expect(textOf(dm as never)).toContain('toegevoegd voor Sarina El Amrani');
    // Slack retrying the same submission does not add the goal twice.
    await post(submission, { retryNum: 1 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      await rows(store, "select target_date, subject from goals where title = 'Elke week Franse woordjes'"),
    ).toEqual([{ target_date: '2026-12-18', subject: 'frans' }]);
    expect(slack.calls('conversations.open')).toHaveLength(1);
  });

  it('a student cannot open the form for another student', async () => {
    await post(
      buttonPress(
        'U0SARINA',
        { form: 'doelen.nieuw', naam: 'daan.visser@leerling.koersmeer.example' },
        'koers.form',
      ),
    );
    const [answer] = await slack.waitFor('respond');
    expect(textOf(answer as never)).toContain('geen toegang');
    expect(slack.calls('views.open')).toEqual([]);
  });

  it('a submission the action refuses is said in the modal, by its outcome, and stores nothing', async () => {
    const view = await openGoalModal('U0JANSEN');
    // The same modal, submitted by a student for another student: the handler refuses it.
    const forDaan = {
      ...view,
      private_metadata: JSON.stringify({ naam: 'daan.visser@leerling.koersmeer.example' }),
    };
    const refused = await post(
      viewSubmission('U0SARINA', forDaan, {
        titel: { titel: { type: 'plain_text_input', value: 'Niet van mij' } },
        categorie: { categorie: { type: 'static_select', selected_option: { value: 'leerstrategie' } } },
      }),
    );
    expect(await refused.json()).toEqual({
      response_action: 'errors',
      errors: { titel: 'Je hebt geen toegang tot deze leerling of de leerling bestaat niet.' },
    });
    expect(await rows(store, "select id from goals where title = 'Niet van mij'")).toEqual([]);
    expect(slack.calls('chat.postMessage')).toEqual([]);
  });

  it("a care coordinator evaluates Milan's overdue arrangement in a modal", async () => {
    const [arrangement] = await rows<{ id: number }>(
      store,
      "select id from arrangements where student_id = 27 and status = 'lopend'",
    );
    await post(
      buttonPress('U0BOS', { form: 'arrangement.evalueer', nummer: String(arrangement?.id) }, 'koers.form'),
    );
    const [opened] = await slack.waitFor('views.open');
    const view = opened?.body.view as SentView;
    const done = await post(
      viewSubmission('U0BOS', view, {
        besluit: { besluit: { type: 'static_select', selected_option: { value: 'verlengen' } } },
        doelen: { doelen: { type: 'static_select', selected_option: { value: 'deels' } } },
        notitie: { notitie: { type: 'plain_text_input', value: 'Lezen gaat beter' } },
      }),
    );
    expect(await done.json()).toEqual({ response_action: 'clear' });
    expect(
      await rows(
        store,
        "select decision, goals_met, note from arrangement_evaluations where arrangement_id = ? and note = 'Lezen gaat beter'",
        [arrangement?.id ?? null],
      ),
    ).toEqual([{ decision: 'verlengen', goals_met: 'deels', note: 'Lezen gaat beter' }]);
  });

  it('"seen" on a signal acts at once', async () => {
    // Sarina's 5,2 at vwo level: a signal the re-evaluation after the change upholds, with evidence it can read.
    const evidence = JSON.stringify({
      facts: [{ key: 'signals.evidence.cijferOpHogerNiveau', params: { grade: { grade: 5.2 } } }],
      nextStep: { key: 'signals.next.cijferOpHogerNiveau', params: {} },
    });
    const [signal] = await rows<{ id: number }>(
      store,
      `insert into signals (student_id, kind, severity, evidence, first_seen_at, last_seen_at, status)
         values (1, 'cijfer-op-hoger-niveau', 'let-op', ?, '2026-11-20T12:00:00.000Z', '2026-11-20T12:00:00.000Z', 'open')
       returning id`,
      [evidence],
    );
    const id = signal?.id ?? 0;
    await post(buttonPress('U0JANSEN', { text: `signalen gezien ${id}` }, 'koers.run'));
    const [answer] = await slack.waitFor('respond');
    expect(textOf(answer as never)).toContain(`Aandachtspunt #${id} van Sarina El Amrani staat op gezien.`);
    expect(await rows(store, 'select status from signals where id = ?', [id])).toEqual([
      { status: 'gezien' },
    ]);
  });

  it('a "choose this one" button runs the command for that student', async () => {
    await post(
      buttonPress('U0JANSEN', { text: 'leerling daan.visser@leerling.koersmeer.example' }, 'koers.run#2'),
    );
    const [answer] = await slack.waitFor('respond');
    const blocks = (answer?.body.blocks ?? []) as { text?: { text: string } }[];
    expect(blocks[0]?.text?.text).toBe('Daan Visser');
    expect(answer?.body.replace_original).toBe(false);
  });
});

describe('the buttons Koers itself rendered', () => {
  type RenderedButton = { type: string; text: { text: string }; action_id: string; value: string };
  const buttonsIn = (blocks: { type: string; elements?: RenderedButton[]; accessory?: RenderedButton }[]) =>
    blocks
      .flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])])
      .filter((e) => e.type === 'button');

  it('"Gesprek vastleggen" on the card opens the conversation modal; its agreements become goals', async () => {
    await post(slashCommand('U0JANSEN', 'leerling sarina'));
    const [card] = await slack.waitFor('respond');
    const button = buttonsIn(card?.body.blocks as never).find((b) => b.text.text === 'Gesprek vastleggen');
    expect(button).toBeDefined();
    await post(buttonPress('U0JANSEN', JSON.parse(button?.value ?? '{}'), button?.action_id ?? ''));
    const [opened] = await slack.waitFor('views.open');
    const view = opened?.body.view as SentView;
    expect(view.callback_id).toBe('gesprek.main');
    const done = await post(
      viewSubmission('U0JANSEN', view, {
        soort: { soort: { type: 'static_select', selected_option: { value: 'driehoeksgesprek' } } },
        samenvatting: { samenvatting: { type: 'plain_text_input', value: 'Met moeder over Frans' } },
        afspraak: {
          afspraak: { type: 'plain_text_input', value: 'Elke dag Franse woordjes\nVragen stellen in de les' },
        },
        categorie: { categorie: { type: 'static_select', selected_option: { value: 'vak' } } },
      }),
    );
    expect(await done.json()).toEqual({ response_action: 'clear' });
    expect(
      await rows(
        store,
        "select g.title, g.origin from goals g join conversations c on c.id = g.conversation_id where c.summary = 'Met moeder over Frans' order by g.id",
      ),
    ).toEqual([
      { title: 'Elke dag Franse woordjes', origin: 'driehoeksgesprek' },
      { title: 'Vragen stellen in de les', origin: 'driehoeksgesprek' },
    ]);
  });
});

describe('App Home and direct messages', () => {
  const homeOpened = (user: string, eventId: string) =>
    JSON.stringify({
      token: 'legacy',
      team_id: TEAM,
      api_app_id: 'A0KOERS',
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: 'app_home_opened',
        user,
        channel: `D${user}`,
        tab: 'home',
        event_ts: `${Date.now() / 1000}`,
      },
    });

  it('shows a student her goals and when the next prompt comes, and a mentor her students', async () => {
    await postToSlackEndpoint(endpoint, homeOpened('U0SARINA', 'Ev1'), {
      secret: SECRET,
      contentType: 'application/json',
    });
    const [published] = await slack.waitFor('views.publish');
    expect(published?.body.user_id).toBe('U0SARINA');
    const home = textOf(published as never);
    expect(home).toContain('Doelen van Sarina El Amrani');
    expect(home).toMatch(/Volgende weekreflectie\*\\nvrijdag \d+ [a-z]+ 20\d\d om 13:00/);
    await postToSlackEndpoint(endpoint, homeOpened('U0JANSEN', 'Ev2'), {
      secret: SECRET,
      contentType: 'application/json',
    });
    const second = (await slack.waitFor('views.publish', 2))[1];
    expect(textOf(second as never)).toContain('Mijn leerlingen (25)');
  });

  it("puts a mentor's students with open signals first", async () => {
    await arrangeIn(
      store,
      `insert into signals (student_id, kind, severity, evidence, first_seen_at, last_seen_at, status)
       select id, 'gespreksverzoek', 'urgent', '{}', '2026-11-20T12:00:00.000Z', '2026-11-20T12:00:00.000Z', 'open'
       from students where email = 'daan.visser@leerling.koersmeer.example'`,
    );
    await postToSlackEndpoint(endpoint, homeOpened('U0JANSEN', 'Ev5'), {
      secret: SECRET,
      contentType: 'application/json',
    });
    const [published] = await slack.waitFor('views.publish');
    const table = textOf(published as never);
    const firstRow = table
      .slice(table.indexOf('─'))
      .split('\\n')
      .find((line) => /^[A-Z]/.test(line));
    expect(firstRow).toMatch(/^Daan Visser\s+3H\s+1 \(1 urgent\)/);
  });

  it('a retried event is handled once', async () => {
    const body = homeOpened('U0SARINA', 'Ev3');
    await postToSlackEndpoint(endpoint, body, { secret: SECRET, contentType: 'application/json' });
    await postToSlackEndpoint(endpoint, body, {
      secret: SECRET,
      contentType: 'application/json',
      retryNum: 1,
    });
    await slack.waitFor('views.publish');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.calls('views.publish')).toHaveLength(1);
  });

  it('answers a command typed in the direct message', async () => {
    const body = JSON.stringify({
      team_id: TEAM,
      api_app_id: 'A0KOERS',
      type: 'event_callback',
      event_id: 'Ev4',
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: 'message',
        channel_type: 'im',
        channel: 'D0SARINA',
        user: 'U0SARINA',
        text: 'doelen',
        ts: '1.1',
      },
    });
    await postToSlackEndpoint(endpoint, body, { secret: SECRET, contentType: 'application/json' });
    const [sent] = await slack.waitFor('chat.postMessage');
    expect(sent?.body.channel).toBe('D0SARINA');
    expect(textOf(sent as never)).toContain('Doelen van Sarina El Amrani');
  });
});

describe('visibility', () => {
  it('only staff can show a reply to the channel', async () => {
    const { responseType } = await import('../src/platforms/slack/slack-listeners.ts');
    const { audienceOf } = await import('../src/engine/turn.ts');
    const shown = (reply: Parameters<typeof audienceOf>[0], actor: Parameters<typeof audienceOf>[1]) =>
      responseType({ reply, audience: audienceOf(reply, actor) });
    const visible = {
      outcome: 'ok' as const,
      visibility: 'visible' as const,
      locale: 'nl' as const,
      blocks: [],
    };
    const school = { timeZone: 'Europe/Amsterdam', defaultLocale: 'nl' as const };
    const staff = {
      kind: 'staff' as const,
      staffId: 1,
      schoolId: 1,
      name: 'M',
      email: 'm@x',
      roles: [],
      locale: null,
      school,
    };
    const student = {
      kind: 'student' as const,
      studentId: 1,
      schoolId: 1,
      name: 'S',
      email: 's@x',
      locale: null,
      school,
    };
    expect(shown(visible, staff)).toBe('in_channel');
    expect(shown(visible, student)).toBe('ephemeral');
    expect(shown({ ...visible, visibility: 'ephemeral' }, staff)).toBe('ephemeral');
  });
});

describe('acknowledging within three seconds', () => {
  it('answers Slack before slow work is done, and the answer follows', async () => {
    const slow = await fakeSlack(users, { usersInfoDelayMs: 2000 });
    const demo = await freshDemoEnv();
    const server = await startKoers(databaseOf(demo.env), {
      slack: { botToken: 'xoxb-test-token', signingSecret: SECRET, apiUrl: slow.apiUrl },
      teams: undefined,
    });
    try {
      const startedAt = Date.now();
      const response = await postToSlackEndpoint(
        `http://127.0.0.1:${server.port}/slack/events`,
        slashCommand('U0JANSEN', 'leerling sarina'),
        { secret: SECRET, contentType: 'application/x-www-form-urlencoded' },
      );
      expect(response.status).toBe(200);
      expect(Date.now() - startedAt).toBeLessThan(1000);
      // The response_url in the command points at the suite's fake Slack.
      const [answer] = await slack.waitFor('respond', 1, 8000);
      expect(textOf(answer as never)).toContain('Sarina El Amrani');
    } finally {
      await server.stop();
      await slow.close();
    }
  }, 15_000);
});

describe('the weekly reflection in Slack', () => {
  const slackEnv = () => ({
    ...env,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
  });

  it('a student fills in the form from the prompt in her DM; a talk request reaches her mentor by DM', async () => {
    // Both have used Koers in Slack, so Koers knows their accounts.
    await post(slashCommand('U0JANSEN', 'help'));
    await post(slashCommand('U0SARINA', 'help'));
    await slack.waitFor('respond', 2);

    // The weekly prompt goes to Sarina's DM with a button that opens the form.
    const promptRun = await koers(
      ['jobs', 'run', 'weekly-prompts', '--now', '2026-11-27T13:00+01:00'],
      slackEnv(),
    );
    expect(promptRun.code, promptRun.err).toBe(0);
    const outbox = await koers(['jobs', 'run', 'outbox', '--now', '2026-11-27T13:00:30+01:00'], slackEnv());
    expect(outbox.code, outbox.err).toBe(0);
    const prompt = slack.calls('chat.postMessage').find((call) => call.body.channel === 'DU0SARINA');
    expect(textOf(prompt as never)).toContain('Weekreflectie week 48');
    expect(prompt?.body.metadata).toEqual({
      event_type: 'koers_outbox',
      event_payload: { key: 'prompt:1:2026-W48' },
    });
    const buttons = (
      (prompt?.body.blocks ?? []) as { type: string; elements?: { action_id: string; value: string }[] }[]
    ).flatMap((block) => block.elements ?? []);
    expect(buttons.map((b) => JSON.parse(b.value))).toEqual([
      { form: 'reflectie.invullen', week: '2026-W48' },
    ]);

    // `/koers reflectie` any time gives the same button for this week; Sarina presses it: the form opens.
    await post(buttonPress('U0SARINA', { form: 'reflectie.invullen' }, 'koers.form'));
    const [opened] = await slack.waitFor('views.open');
    const view = opened?.body.view as SentView;
    expect(view.callback_id).toBe('reflectie.invullen');
    const inputs = view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id);
    expect(inputs).toEqual(
      expect.arrayContaining(['welbevinden', 'motivatie', 'grip', 'uitdaging', 'goed', 'praten']),
    );

    const select = (value: string) => ({ type: 'static_select', selected_option: { value } });
    const values = (goed: string) => ({
      welbevinden: { welbevinden: select('4') },
      motivatie: { motivatie: select('3') },
      grip: { grip: select('4') },
      uitdaging: { uitdaging: select('precies-goed') },
      goed: { goed: { type: 'plain_text_input', value: goed } },
      praten: { praten: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
    });
    // Free text over 2000 characters: refused in the form, with the limit; nothing stored.
    const refused = await post(viewSubmission('U0SARINA', view, values('x'.repeat(2001)), 'V2', 'h2'));
    const errors = (await refused.json()) as { errors: Record<string, string> };
    expect(errors.errors.goed).toContain('2000');
    expect(await rows(store, "select count(*) as n from reflections where channel = 'slack'")).toEqual([
      { n: 0 },
    ]);

    const done = await post(viewSubmission('U0SARINA', view, values('Mijn presentatie'), 'V2', 'h3'));
    expect(await done.json()).toEqual({ response_action: 'clear' });
    expect(
      (
        await rows(
          store,
          "select welbevinden, uitdaging, went_well, wants_talk from reflections where channel = 'slack'",
        )
      ).map((row) => ({ ...row, wants_talk: rawBoolean(row.wants_talk) })),
    ).toEqual([
      { welbevinden: 4, uitdaging: 'precies-goed', went_well: 'Mijn presentatie', wants_talk: true },
    ]);
    const thanks = await slack.waitFor('chat.postMessage', 2);
    expect(textOf(thanks[1] as never)).toContain('Dank je wel');

    // The talk request was queued with the reflection; the outbox sends it to Jansen's DM.
    const sent = await koers(['jobs', 'run', 'outbox'], slackEnv());
    expect(sent.code, sent.err).toBe(0);
    const toMentor = slack.calls('chat.postMessage').filter((call) => call.body.channel === 'DU0JANSEN');
    expect(toMentor).toHaveLength(1);
    expect(textOf(toMentor[0] as never)).toContain('Sarina El Amrani wil graag met je praten');
    // Never what she wrote.
    expect(textOf(toMentor[0] as never)).not.toContain('Mijn presentatie');
  });
});

describe('the mentor’s daily digest in Slack', () => {
  const slackEnv = () => ({
    ...env,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
  });
  const run = async (job: string, now: string) => {
    const result = await koers(['jobs', 'run', job, '--now', now], slackEnv());
    expect(result.code, result.err).toBe(0);
    return result.out;
  };

  // A talk request still reaches the mentor at once, by DM: see 'the weekly reflection in Slack' above.
  it('reaches a mentor once, in her DM, with the new signals of her mentees and nothing they wrote', async () => {
    // Jansen has used Koers in Slack; Yilmaz has not, so hers is counted, not queued.
    await post(slashCommand('U0JANSEN', 'help'));
    await slack.waitFor('respond');

    const sweep = await run('signals', '2026-11-23T07:00+01:00');
    expect(sweep).toMatch(/digests: 1\n/);
    expect(sweep).toMatch(/digestsNotLinked: 1/);
    await run('outbox', '2026-11-23T07:01+01:00');
    // The same morning again: nothing new, nothing queued, nothing sent twice.
    expect(await run('signals', '2026-11-23T09:00+01:00')).toMatch(/digests: 0\n/);
    await run('outbox', '2026-11-23T09:01+01:00');

    const toMentor = slack.calls('chat.postMessage').filter((call) => call.body.channel === 'DU0JANSEN');
    expect(toMentor).toHaveLength(1);
    const digest = toMentor[0] as never;
    expect(toMentor[0]?.body.metadata).toEqual({
      event_type: 'koers_outbox',
      event_payload: { key: 'signalDigest:1:2026-11-23' },
    });
    expect(textOf(digest)).toContain('Nieuwe aandachtspunten');
    expect(textOf(digest)).toContain('Daan Visser (3H)');
    expect(textOf(digest)).toContain('welbevinden daalt');
    expect(textOf(digest)).toContain('\\"text\\":\\"signalen\\"');
    // Never a reflection's text, and no message to anyone else.
    const written = await rows<{ text: string }>(
      store,
      'select went_well as text from reflections where went_well is not null union select next_step from reflections where next_step is not null',
    );
    for (const { text } of written) expect(textOf(digest)).not.toContain(text);
    expect(slack.calls('chat.postMessage')).toHaveLength(1);
  });
});
