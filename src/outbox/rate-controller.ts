/**
 * The rate one workspace of a platform takes, learned from the platform's answers instead of
 * configured: nobody has to know Slack's or Teams's real budget. Pure: a state, an answer and the
 * moment it came (`now`, never read from a clock here) give the next state.
 *
 * - **Slow start** at `START_RATE`: while the platform accepts messages the pace held back (a
 *   backlog, not a trickle), each adds `SLOW_START_GAIN` a second, so the rate grows about
 *   e^4 ≈ 50× a second. Meanwhile at most a quarter of the last second's answers (at least 4) are
 *   on their way at once: a slow or cold platform is not flooded before it has answered.
 * - **A 429** ends slow start: the rate drops to `BACKOFF` of what the platform accepted in the last
 *   second (never above what was being sent), rounded down to a whole number and a half
 *   (`cutRate`), once for all messages sent before that cut, and the workspace waits for the
 *   platform's `Retry-After`.
 * - **Then it probes**: `PROBE_GAIN` more per accepted message (about 0.05% of the rate a second),
 *   so a platform that allows more is found again without a 429 and a paused second every few
 *   seconds.
 * - **Never above the ceiling** (`KOERS_OUTBOX_RATE`, else `DEFAULT_CEILING`).
 *
 * The pace is a sliding second the platform cannot see exceeded: a message goes only while fewer
 * than the rate (rounded) were answered in Koers's last second or are still on their way. Every
 * message the platform counted in its second before this one arrived was either on its way or
 * answered (after it arrived) within Koers's second, so at a rate at or below the platform's limit
 * a sliding-window platform never has cause for a 429, whatever the network's latency. A token
 * bucket (`BURST_SECONDS` deep) keeps the average at the rate and a second from going out at once.
 */

/**
 * The ceiling when `KOERS_OUTBOX_RATE` is not set: the most that variable allows. Not a guess at a
 * platform's budget (the controller finds that); a fuse against a platform or proxy that never
 * says 429, far above what Slack or Teams take from one app in one workspace.
 */
export const DEFAULT_CEILING = 1000;
export const START_RATE = 20;
export const MIN_RATE = 1;
/** Messages a second added per accepted message in slow start. */
export const SLOW_START_GAIN = 4;
/** Messages a second added per accepted message after the first 429. */
export const PROBE_GAIN = 0.0005;
/** After a 429: this share of what the platform accepted in the last second. */
export const BACKOFF = 0.98;
/** A sliding second, as platforms count. */
export const WINDOW_MS = 1_000;
/** Room for the platform's clock: its second may end a little after ours. */
const WINDOW_MARGIN_MS = 5;
/** Messages to one workspace on their way at once: enough for a fast platform far away. */
export const MAX_IN_FLIGHT = 32;
/** Seconds of the rate the pace may catch up at once after a late timer (never the whole second). */
const BURST_SECONDS = 0.05;
/** A 429 without a `Retry-After`: wait this long. */
const DEFAULT_RETRY_AFTER_MS = 1_000;

export type RateState = {
  /** Messages a second this workspace is sent now. */
  rate: number;
  /** Never more than this (`KOERS_OUTBOX_RATE`, else the sender's). */
  ceiling: number;
  /** `slowStart` until the platform first says 429, then `probing`. */
  phase: 'slowStart' | 'probing';
  /** When messages the platform accepted (or answered otherwise) were answered, oldest first. */
  answers: readonly number[];
  /** Messages sent and not yet answered. */
  inFlight: number;
  lastSentAt: number | undefined;
  /** Messages the pace may send now (a token bucket filled at `rate`, `tokensAt` its moment). */
  tokens: number;
  tokensAt: number | undefined;
  /** No message before this moment (the platform's `Retry-After`). */
  pausedUntil: number;
  /** The last cut: a 429 for a message sent before it is part of the same burst. */
  cutAt: number | undefined;
  /** What the platform accepted in the second before the last cut (answers still coming count). */
  measured: number | undefined;
};

export type Answer =
  /** `paced`: the message waited for its moment, so the rate (not the queue) held it back. */
  | { kind: 'accepted'; sentAt: number; paced: boolean }
  | { kind: 'rateLimited'; sentAt: number; retryAfterMs?: number }
  /** Any other answer (a failure, no answer): the platform may have counted it. */
  | { kind: 'other'; sentAt: number };

/**
 * The rate after a 429, from what the platform took in its last second: `BACKOFF` of it, rounded
 * down to a whole number and a half. The window lets through the rate rounded, so a platform that
 * takes 10 a second is sent 9.5 on average and 10 in a second at most, and the probe needs a
 * whole message more (`PROBE_GAIN` at a time) before it asks for one more than the platform took.
 */
function cutRate(measured: number): number {
  return Math.max(MIN_RATE, Math.floor(BACKOFF * measured) + 0.5);
}

export function initialState(ceiling: number): RateState {
  return {
    rate: Math.min(START_RATE, Math.max(MIN_RATE, ceiling)),
    ceiling: Math.max(MIN_RATE, ceiling),
    phase: 'slowStart',
    answers: [],
    inFlight: 0,
    lastSentAt: undefined,
    tokens: 1,
    tokensAt: undefined,
    pausedUntil: 0,
    cutAt: undefined,
    measured: undefined,
  };
}

/** The same state under another ceiling (the configuration changed): the rate stays under it. */
export function withCeiling(state: RateState, ceiling: number): RateState {
  const top = Math.max(MIN_RATE, ceiling);
  return top === state.ceiling ? state : { ...state, ceiling: top, rate: Math.min(state.rate, top) };
}

/**
 * The state as of `now`. A clock that went back (a drain run for another `--now` with the same
 * sender) would leave moments in the future that hold every message back: those are forgotten,
 * the learned rate is kept.
 */
export function at(state: RateState, now: number): RateState {
  const latest = Math.max(
    state.lastSentAt ?? Number.NEGATIVE_INFINITY,
    state.answers.at(-1) ?? Number.NEGATIVE_INFINITY,
  );
  if (latest <= now) return state;
  return {
    ...state,
    answers: [],
    lastSentAt: undefined,
    tokens: 1,
    tokensAt: undefined,
    pausedUntil: 0,
    cutAt: undefined,
    measured: undefined,
  };
}

/**
 * How many messages may be answered or in flight within one sliding second: the rate rounded
 * (9.5 a second is 10 in some seconds and 9 in others; the token bucket keeps the average).
 */
export function allowance(state: RateState): number {
  return Math.max(1, Math.round(state.rate));
}

const capacity = (rate: number) => Math.max(2, rate * BURST_SECONDS);

/** The token bucket as of `now`. */
function tokensAt(state: RateState, now: number): number {
  if (state.tokensAt === undefined) return capacity(state.rate);
  return Math.min(capacity(state.rate), state.tokens + ((now - state.tokensAt) * state.rate) / 1000);
}

const recent = (answers: readonly number[], now: number) => {
  const since = now - WINDOW_MS - WINDOW_MARGIN_MS;
  let first = 0;
  while (first < answers.length && (answers[first] ?? 0) <= since) first += 1;
  return first === 0 ? answers : answers.slice(first);
};

/**
 * How many messages may be on their way at once. In slow start, no more than a quarter of what the
 * platform answered in the last second (at least 4): the overshoot when the limit is crossed is
 * what is in flight, and a slow platform (a cold start, a long way) must not fill up unanswered.
 */
function inFlightBound(state: RateState, answeredInWindow: number): number {
  if (state.phase === 'probing') return MAX_IN_FLIGHT;
  return Math.min(MAX_IN_FLIGHT, Math.max(4, Math.ceil(answeredInWindow / 4)));
}

/**
 * When the next message may go: a moment (maybe already past), or `Infinity` while only an
 * answer can make room (the window is full of messages in flight, or too many are in flight).
 */
export function nextSendAt(state: RateState, now: number): number {
  const answers = recent(state.answers, now);
  if (state.inFlight >= inFlightBound(state, answers.length)) return Number.POSITIVE_INFINITY;
  const used = answers.length + state.inFlight;
  const room = allowance(state);
  let windowAt = Number.NEGATIVE_INFINITY;
  if (used >= room) {
    // That many answers must leave the window first; in-flight messages leave it only by answering.
    const leaving = used - room + 1;
    const answer = leaving <= answers.length ? answers[leaving - 1] : undefined;
    if (answer === undefined) return Number.POSITIVE_INFINITY;
    windowAt = answer + WINDOW_MS + WINDOW_MARGIN_MS;
  }
  const tokens = tokensAt(state, now);
  const bucketAt = tokens >= 1 ? Number.NEGATIVE_INFINITY : now + ((1 - tokens) * 1000) / state.rate;
  return Math.max(windowAt, bucketAt, state.pausedUntil);
}

export function sent(state: RateState, now: number): RateState {
  const tokens = Math.max(0, tokensAt(state, now) - 1);
  return { ...state, inFlight: state.inFlight + 1, lastSentAt: now, tokens, tokensAt: now };
}

/** The platform answered a message sent at `answer.sentAt`. */
export function answered(state: RateState, answer: Answer, now: number): RateState {
  const inFlight = Math.max(0, state.inFlight - 1);
  const answers = recent(state.answers, now);
  if (answer.kind === 'rateLimited') {
    const until = Math.max(state.pausedUntil, now + (answer.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS));
    // Sent before the last cut: the same overflow, already answered for.
    if (state.cutAt !== undefined && answer.sentAt < state.cutAt)
      return { ...state, inFlight, answers, pausedUntil: until };
    // What the platform took in its last second is about what it allows; a little below that, and
    // never more than was being sent (a platform that now allows less than before).
    const measured = Math.min(answers.length, state.rate);
    const rate = Math.min(cutRate(measured), state.ceiling);
    return { ...state, rate, phase: 'probing', inFlight, answers, pausedUntil: until, cutAt: now, measured };
  }
  const kept = [...answers, now];
  if (answer.kind === 'other') return { ...state, inFlight, answers: kept };
  // Sent before the cut and accepted after it: the platform took it in the second the cut
  // measured, only its answer was still on its way.
  if (state.cutAt !== undefined && answer.sentAt < state.cutAt) {
    const measured = (state.measured ?? 0) + 1;
    const rate = Math.min(state.ceiling, Math.max(state.rate, cutRate(measured)));
    return { ...state, rate, inFlight, answers: kept, measured };
  }
  // Rise only while the rate holds messages back: a trickle says nothing about the platform's limit.
  if (!answer.paced) return { ...state, inFlight, answers: kept };
  const gain = state.phase === 'slowStart' ? SLOW_START_GAIN : PROBE_GAIN;
  const rate = Math.min(state.ceiling, state.rate + gain);
  return { ...state, rate, inFlight, answers: kept };
}
