/**
 * The mentor's daily digest (PRODUCT.md section 4): new signals reach a mentor once a day, in one
 * message, never one message per signal. What counts as new for a digest is decided here, once,
 * for the job that queues it and for the view that composes it when it is sent.
 */
import { signalKinds } from '../enums.ts';
import type { SignalKind } from './outcome.ts';

/** A digest names the signals first seen in this many hours before its moment. */
export const DIGEST_HOURS = 24;

/** A talk request already reached the mentor at once (`talkRequest`): the digest does not repeat it. */
export const digestKinds: readonly SignalKind[] = signalKinds.filter((kind) => kind !== 'gespreksverzoek');

/** The instants a digest made at `until` covers: after `since`, up to and including `until` (UTC ISO). */
export function digestWindow(until: string): { since: string; until: string } {
  const end = Date.parse(until);
  return {
    since: new Date(end - DIGEST_HOURS * 3_600_000).toISOString(),
    until: new Date(end).toISOString(),
  };
}
