/**
 * The playground on the shared server: pages (GET) and the actions behind their forms (POST, then
 * a redirect back, so a reload never repeats an action). Only this machine may use it: in local
 * mode the server listens on 127.0.0.1, and beside a real platform each request must come from
 * loopback with no proxy in between. Every action carries the process's token, so another web
 * page in the same browser cannot post to it (cross-site request forgery), and the Host must name
 * this machine, so a rebinding DNS name cannot read it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DateTime } from 'luxon';
import type { Locale } from '../../domain/enums.ts';
import { formatter } from '../../i18n/format.ts';
import { translator } from '../../i18n/translate.ts';
import { log } from '../../log.ts';
import { escapeHtml } from '../../render/html/markup.ts';
import { type Reply, reply as replySchema } from '../../reply/reply.ts';
import { demoPersonas } from '../../seed/demo-school.ts';
import type { Route } from '../../server/http-server.ts';
import { readBoundedBody } from '../../server/read-body.ts';
import { fromThisMachine, isLocalHostName } from '../../server/this-machine.ts';
import type { Store } from '../../store/database.ts';
import { localChannels, localMessageCounts, localMessagesOf } from '../../store/local-inbox.ts';
import { type LocalPerson, localPeople } from '../../store/local-people.ts';
import { chartImages } from './chart-images.ts';
import { channelBody } from './pages/channel-page.ts';
import type { ClockView } from './pages/clock-panel.ts';
import type { Delivered } from './pages/delivered-list.ts';
import { pageHtml } from './pages/layout.ts';
import { personBody } from './pages/person-page.ts';
import { pickerBody } from './pages/picker-page.ts';
import { PLAYGROUND_CSS } from './pages/styles.ts';
import { clockSteps, type Playground } from './playground.ts';
import { channelUrl, PLAYGROUND_PATHS, personUrl } from './playground-paths.ts';

/** A form of the playground is small: a command line, a reflection. */
const MAX_BODY_BYTES = 64 * 1024;

export type PlaygroundRouteDeps = {
  store: Store;
  playground: Playground;
  locale: Locale;
  timeZone: string;
  /** Whether the server itself listens on loopback only (local mode). */
  loopbackServer: boolean;
};

export function playgroundRoutes(deps: PlaygroundRouteDeps): Route[] {
  const { store, playground } = deps;
  const token = randomBytes(24).toString('base64url');
  const t = translator(deps.locale);
  const format = formatter(deps.locale, deps.timeZone);

  const clockView = (back: string): ClockView => ({
    moment: DateTime.fromJSDate(playground.now())
      .setZone(deps.timeZone)
      .setLocale(deps.locale === 'en' ? 'en-GB' : 'nl')
      .toFormat('cccc d LLLL yyyy, HH:mm'),
    movable: playground.movable,
    token,
    back,
  });
  const send = (response: ServerResponse, status: number, html: string) => {
    response.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // No script, no frame, no form posting elsewhere: the page needs none of it.
      'content-security-policy':
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
    response.end(html);
  };
  const page = (response: ServerResponse, status: number, title: string, body: string, back: string) =>
    send(response, status, pageHtml({ t, lang: deps.locale, title, clock: clockView(back), body }));
  const problem = (response: ServerResponse, status: number, key: string) =>
    page(
      response,
      status,
      t(key),
      `<h1>${escapeHtml(t(key))}</h1><p><a href="${PLAYGROUND_PATHS.home}">${escapeHtml(t('playground.person.choose'))}</a></p>`,
      PLAYGROUND_PATHS.home,
    );
  const redirect = (response: ServerResponse, to: string) => {
    response.writeHead(303, { location: to, 'cache-control': 'no-store' }).end();
  };

  /** Refuses what may not reach the playground; true when the request may go on. */
  const allowed = (request: IncomingMessage, response: ServerResponse): boolean => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    if ((!deps.loopbackServer && !fromThisMachine(request)) || !isLocalHostName(host)) {
      log.warn('playground.refused', { status: 403, reason: 'not this machine' });
      problem(response, 403, 'playground.problem.thisMachineOnly');
      return false;
    }
    return true;
  };
  const personOf = async (userId: string | null): Promise<LocalPerson | undefined> =>
    userId ? (await localPeople(store, playground.workspaceId(), userId))[0] : undefined;

  async function posted(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<URLSearchParams | undefined> {
    if (!allowed(request, response)) return undefined;
    const bytes = await readBoundedBody(request, response, MAX_BODY_BYTES);
    if (!bytes) return undefined;
    const form = new URLSearchParams(bytes.toString('utf8'));
    const given = Buffer.from(form.get('token') ?? '');
    const expected = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      log.warn('playground.refused', { status: 403, reason: 'token' });
      problem(response, 403, 'playground.problem.staleForm');
      return undefined;
    }
    return form;
  }
  /** Where to go back to: a playground page, never another site. */
  const backOf = (form: URLSearchParams) => {
    const back = form.get('back') ?? '/';
    return back.startsWith('/') && !back.startsWith('//') ? back : '/';
  };

  async function personPage(
    response: ServerResponse,
    person: LocalPerson,
    open?: Parameters<typeof personBody>[0]['open'],
    status = 200,
  ) {
    const help = await playground.answer(person.userId, 'help');
    const delivered = deliveredOf(
      await localMessagesOf(store, {
        workspaceId: playground.workspaceId(),
        recipient: person.userId,
        toChannel: false,
      }),
    );
    const conversation = playground.conversation(person.userId);
    const chartImage = await chartImages([
      ...delivered.map((d) => d.reply),
      ...conversation.map((c) => c.reply),
      ...(open ? [open.reply] : []),
    ]);
    const body = personBody({
      t,
      format,
      person,
      token,
      help,
      conversation,
      delivered,
      chartImage,
      ...(open ? { open } : {}),
    });
    page(response, status, person.name, body, personUrl(person.userId));
  }

  const get = (path: string, handler: Route['handler']): Route => ({
    method: 'GET',
    path,
    handler: (request, response) => (allowed(request, response) ? handler(request, response) : undefined),
  });
  const post = (
    path: string,
    handler: (form: URLSearchParams, response: ServerResponse) => Promise<void>,
  ): Route => ({
    method: 'POST',
    path,
    handler: async (request, response) => {
      const form = await posted(request, response);
      if (form) await handler(form, response);
    },
  });
  const query = (request: IncomingMessage) => new URL(request.url ?? '/', 'http://localhost').searchParams;

  return [
    get(PLAYGROUND_PATHS.styles, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=300' });
      response.end(PLAYGROUND_CSS);
    }),
    get(PLAYGROUND_PATHS.home, async (_request, response) => {
      const workspaceId = playground.workspaceId();
      const [people, channels, messages] = await Promise.all([
        localPeople(store, workspaceId),
        localChannels(store, workspaceId),
        localMessageCounts(store, workspaceId),
      ]);
      const body = pickerBody({
        t,
        people,
        personas: demoPersonas,
        channels,
        messages,
        beside: !playground.movable,
      });
      page(response, 200, t('playground.picker.title'), body, '/');
    }),
    get(PLAYGROUND_PATHS.person, async (request, response) => {
      const person = await personOf(query(request).get('als'));
      if (!person) return problem(response, 404, 'playground.problem.unknownPerson');
      await personPage(response, person);
    }),
    get(PLAYGROUND_PATHS.channel, async (request, response) => {
      const channelId = query(request).get('id') ?? '';
      const channel = (await localChannels(store, playground.workspaceId())).find(
        (c) => c.channelId === channelId,
      );
      if (!channel) return problem(response, 404, 'playground.problem.unknownChannel');
      const delivered = deliveredOf(
        await localMessagesOf(store, {
          workspaceId: playground.workspaceId(),
          recipient: channelId,
          toChannel: true,
        }),
      );
      const chartImage = await chartImages(delivered.map((d) => d.reply));
      const body = channelBody({ t, format, channelId, staff: channel.staff, token, delivered, chartImage });
      page(response, 200, `#${channelId}`, body, channelUrl(channelId));
    }),
    post(PLAYGROUND_PATHS.command, async (form, response) => {
      const person = await personOf(form.get('als'));
      if (!person) return problem(response, 404, 'playground.problem.unknownPerson');
      const text = (form.get('tekst') ?? '').trim();
      if (text !== '') await playground.command(person.userId, text);
      redirect(response, `${personUrl(person.userId)}#laatste`);
    }),
    post(PLAYGROUND_PATHS.button, async (form, response) => {
      const person = await personOf(form.get('als'));
      if (!person) return problem(response, 404, 'playground.problem.unknownPerson');
      const payload = payloadOf(form.get('payload'));
      // What the button said, in words: its payload names a student only by an opaque id.
      const said = form.get('said') ?? form.get('actionId') ?? '';
      const opened = await playground.press(person.userId, said, form.get('actionId') ?? '', payload);
      if (opened) return personPage(response, person, { ...opened, general: [] });
      redirect(response, `${personUrl(person.userId)}#laatste`);
    }),
    post(PLAYGROUND_PATHS.form, async (form, response) => {
      const person = await personOf(form.get('als'));
      if (!person) return problem(response, 404, 'playground.problem.unknownPerson');
      const values: Record<string, string | undefined> = {};
      for (const [name, value] of form)
        if (name.startsWith('field.')) values[name.slice('field.'.length)] = value === '' ? undefined : value;
      const refused = await playground.submit(
        person.userId,
        form.get('said') || t('playground.person.formSent'),
        {
          formId: form.get('formId') ?? '',
          payload: payloadOf(form.get('payload')),
          values,
        },
      );
      if (!refused) return redirect(response, `${personUrl(person.userId)}#laatste`);
      if (refused.again)
        return personPage(response, person, { ...refused.again, general: refused.general }, 422);
      await personPage(response, person, undefined, 422);
    }),
    post(PLAYGROUND_PATHS.clock, async (form, response) => {
      const step = clockSteps.find((s) => s === form.get('step'));
      if (step) await playground.step(step);
      redirect(response, backOf(form));
    }),
    post(PLAYGROUND_PATHS.reset, async (_form, response) => {
      await playground.reset();
      redirect(response, '/');
    }),
  ];
}

/** A button's or form's payload as posted: a flat object of strings, else nothing. */
function payloadOf(text: string | null): Record<string, string> {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    if (value && typeof value === 'object' && !Array.isArray(value))
      return Object.fromEntries(
        Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
  } catch {
    // A payload that is no JSON carries nothing: the action then says what it misses.
  }
  return {};
}

/** The messages as stored, each checked again as a Reply: one that no longer parses is left out. */
function deliveredOf(rows: readonly { reply: unknown; deliveredAt: string }[]): Delivered[] {
  return rows.flatMap((row) => {
    const parsed = replySchema.safeParse(row.reply);
    return parsed.success ? [{ reply: parsed.data as Reply, deliveredAt: row.deliveredAt }] : [];
  });
}
