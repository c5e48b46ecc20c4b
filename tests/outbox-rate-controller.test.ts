/**
 * The rate controller on its own: pure, so every moment is given. It rises while the platform
 * accepts, backs off on a 429 to below what the platform accepted in the last second, never goes
 * above the ceiling, and holds the workspace for the platform's Retry-After. The last test lets it
 * find three limits of a simulated sliding-window platform in simulated time.
 */
import { describe, expect, it } from 'vitest';
import {
  type Answer,
  allowance,
  answered,
  at,
  BACKOFF,
  initialState,
  MAX_IN_FLIGHT,
  nextSendAt,
  type RateState,
  START_RATE,
  sent,
  withCeiling,
} from '../src/outbox/rate-controller.ts';

/** Sends one message at `now` and has it answered `after` ms later. */
function roundTrip(state: RateState, now: number, answer: (sentAt: number) => Answer, after = 5) {
  return answered(sent(state, now), answer(now), now + after);
}
const accepted =
  (paced = true) =>
  (sentAt: number) => ({ kind: 'accepted' as const, sentAt, paced });

describe('the rate controller', () => {
  it('starts at a modest rate and rises while the platform accepts what the pace held back', () => {
    let state = initialState(1000);
    expect(state.rate).toBe(START_RATE);
    for (let i = 0; i < 10; i++) state = roundTrip(state, i * 40, accepted());
    expect(state.rate).toBeGreaterThan(START_RATE + 20);
    // A trickle the pace never held back says nothing about the platform: no rise.
    let trickle = initialState(1000);
    for (let i = 0; i < 10; i++) trickle = roundTrip(trickle, i * 40, accepted(false));
    expect(trickle.rate).toBe(START_RATE);
  });

  it('backs off on a 429 to below what the platform accepted in the last second, once per burst', () => {
    let state = initialState(1000);
    // 30 accepted within the last second, while the rate rose well past that.
    for (let i = 0; i < 30; i++) state = roundTrip(state, 10_000 + i * 30, accepted());
    expect(state.rate).toBeGreaterThan(60);
    const before = sent(sent(state, 10_900), 10_901);
    const cut = answered(before, { kind: 'rateLimited', sentAt: 10_900 }, 10_905);
    expect(cut.rate).toBeLessThan(30);
    expect(allowance(cut)).toBeLessThanOrEqual(30);
    expect(cut.rate).toBeGreaterThan(30 * BACKOFF - 1);
    expect(cut.phase).toBe('probing');
    // The other message of the same burst, sent before the cut: no second cut.
    const again = answered(cut, { kind: 'rateLimited', sentAt: 10_901 }, 10_906);
    expect(again.rate).toBe(cut.rate);
    expect(again.inFlight).toBe(0);
    // One sent before the cut and accepted after it was part of the second the cut measured.
    const after = answered(sent(cut, 10_910), { kind: 'accepted', sentAt: 10_910, paced: true }, 10_915);
    expect(after.rate).toBeCloseTo(cut.rate, 2);
    const counted = answered(sent(before, 10_899), { kind: 'rateLimited', sentAt: 10_900 }, 10_905);
    const late = answered(counted, { kind: 'accepted', sentAt: 10_899, paced: true }, 10_908);
    expect(late.rate).toBeGreaterThan(counted.rate);
    expect(late.rate).toBeLessThanOrEqual(counted.rate + 1);
    // After the cut it creeps up, far slower than in slow start.
    let probing = again;
    for (let i = 0; i < 100; i++) probing = roundTrip(probing, 12_000 + i * 40, accepted());
    expect(probing.rate).toBeGreaterThan(cut.rate);
    expect(probing.rate).toBeLessThan(cut.rate + 1);
    // A platform that now allows less than Koers sends: it backs off below its own rate too.
    const lower = answered(sent(probing, 20_000), { kind: 'rateLimited', sentAt: 20_000 }, 20_005);
    expect(lower.rate).toBeLessThan(probing.rate);
  });

  it('never goes above the ceiling', () => {
    expect(initialState(5).rate).toBe(5);
    let state = initialState(50);
    for (let i = 0; i < 200; i++) state = roundTrip(state, i * 5, accepted());
    expect(state.rate).toBe(50);
    expect(withCeiling(state, 12).rate).toBe(12);
    // A 429 never lifts it above the ceiling either.
    const limited = answered(
      sent(withCeiling(state, 12), 2_000),
      { kind: 'rateLimited', sentAt: 2_000 },
      2_001,
    );
    expect(limited.rate).toBeLessThanOrEqual(12);
  });

  it("holds the workspace for the platform's Retry-After, or a second without one", () => {
    const state = initialState(1000);
    const paused = answered(
      sent(state, 1_000),
      { kind: 'rateLimited', sentAt: 1_000, retryAfterMs: 3_000 },
      1_010,
    );
    expect(nextSendAt(paused, 1_020)).toBe(4_010);
    expect(nextSendAt(paused, 4_010)).toBe(4_010);
    const plain = answered(sent(state, 1_000), { kind: 'rateLimited', sentAt: 1_000 }, 1_010);
    expect(nextSendAt(plain, 1_020)).toBe(2_010);
  });

  it('keeps fewer than its rate answered or in flight within any second', () => {
    let state: RateState = { ...withCeiling(initialState(1000), 4), phase: 'probing' };
    for (let i = 0; i < 3; i++) state = sent(state, 100 + i * 250);
    // Three in flight and room for one more.
    expect(nextSendAt(state, 700)).toBeLessThanOrEqual(700);
    state = sent(state, 700);
    // Four in flight: only an answer can make room.
    expect(nextSendAt(state, 900)).toBe(Number.POSITIVE_INFINITY);
    state = answered(state, { kind: 'accepted', sentAt: 100, paced: false }, 950);
    // Answered at 950: it leaves the window a second (and a margin) later.
    expect(nextSendAt(state, 960)).toBeGreaterThanOrEqual(1_950);
    // The average is the rate: a burst empties the bucket, which refills at 4 a second.
    let bucket: RateState = { ...withCeiling(initialState(1000), 4), phase: 'probing' };
    bucket = sent(sent(bucket, 10_000), 10_000);
    expect(nextSendAt(bucket, 10_000)).toBe(10_250);
    // In slow start, with nothing answered yet, four on their way: a slow platform is not flooded.
    const cold = sent(sent(sent(sent(initialState(1000), 0), 1), 2), 3);
    expect(nextSendAt(cold, 500)).toBe(Number.POSITIVE_INFINITY);
    expect(
      nextSendAt(answered(cold, { kind: 'accepted', sentAt: 0, paced: false }, 600), 600),
    ).toBeLessThanOrEqual(600);
    // However fast the rate, no more than MAX_IN_FLIGHT at once.
    let busy: RateState = { ...initialState(1000), phase: 'probing' };
    for (let i = 0; i < MAX_IN_FLIGHT; i++) busy = sent(busy, 0);
    expect(nextSendAt(busy, 10_000)).toBe(Number.POSITIVE_INFINITY);
  });

  it('forgets moments ahead of a clock that went back, and keeps the rate', () => {
    const state = roundTrip(initialState(1000), 50_000, accepted());
    expect(at(state, 60_000)).toBe(state);
    const back = at(state, 1_000);
    expect(back.rate).toBe(state.rate);
    expect(nextSendAt(back, 1_000)).toBeLessThanOrEqual(1_000);
  });
});

/**
 * A platform that takes `limit` messages in any sliding second and answers 429 with Retry-After 1
 * beyond, `latency` ms each way, and a backlog of `messages`: simulated time, no timers.
 */
function simulate(limit: number, messages: number, latency = 3) {
  let state = initialState(1000);
  let now = 0;
  let queued = messages;
  let done = 0;
  let refused = 0;
  const window: number[] = [];
  type Trip = { sentAt: number; answerAt: number; ok: boolean; paced: boolean };
  const trips: Trip[] = [];
  let paced = false;
  while (done < messages) {
    const sendAt = queued > 0 ? nextSendAt(state, now) : Number.POSITIVE_INFINITY;
    const firstAnswer = trips.reduce(
      (soonest, trip) => Math.min(soonest, trip.answerAt),
      Number.POSITIVE_INFINITY,
    );
    if (sendAt <= now) {
      // The platform decides when the message arrives.
      const arrives = now + latency;
      while (window.length > 0 && (window[0] ?? 0) <= arrives - 1000) window.shift();
      const ok = window.length < limit;
      if (ok) window.push(arrives);
      // The platform's window is kept in arrival order; a later arrival is never earlier.
      trips.push({ sentAt: now, answerAt: arrives + latency, ok, paced });
      state = sent(state, now);
      queued -= 1;
      paced = false;
      continue;
    }
    if (firstAnswer <= sendAt) {
      now = Math.max(now, firstAnswer);
      const index = trips.findIndex((trip) => trip.answerAt === firstAnswer);
      const [trip] = trips.splice(index, 1);
      if (!trip) throw new Error('no trip');
      if (trip.ok) done += 1;
      else {
        refused += 1;
        queued += 1;
      }
      state = answered(
        state,
        trip.ok
          ? { kind: 'accepted', sentAt: trip.sentAt, paced: trip.paced }
          : { kind: 'rateLimited', sentAt: trip.sentAt, retryAfterMs: 1000 },
        now,
      );
      continue;
    }
    paced = true;
    now = sendAt;
  }
  return {
    ratio: messages / (now / 1000) / limit,
    refused: refused / (messages + refused),
    rate: state.rate,
  };
}

describe('the rate controller against a simulated platform', () => {
  it.each([10, 50, 200])('finds a limit of %i a second with few 429s', (limit) => {
    const result = simulate(limit, limit * 20);
    expect(result.ratio).toBeGreaterThanOrEqual(0.9);
    expect(result.ratio).toBeLessThanOrEqual(1);
    expect(result.refused).toBeLessThanOrEqual(0.02);
    expect(result.rate).toBeLessThanOrEqual(limit);
    expect(result.rate).toBeGreaterThanOrEqual(limit * 0.9);
  });
});
