/**
 * Slack repeats a request it thinks went unanswered (`X-Slack-Retry-Num`). A repeat shares a key
 * with the first try (`requestKey`); a second sighting within the window is acknowledged and
 * dropped, so nothing is done twice.
 * In memory: a retry reaches the process that got the first try within minutes.
 */
const WINDOW_MS = 15 * 60 * 1000;
const MAX_KEYS = 50_000;

export function retryGuard(now: () => number = Date.now) {
  const seen = new Map<string, number>();
  return {
    /** True the first time a key is offered within the window. */
    firstTime(key: string): boolean {
      const at = now();
      const earlier = seen.get(key);
      if (earlier !== undefined && at - earlier < WINDOW_MS) return false;
      seen.set(key, at);
      if (seen.size > MAX_KEYS) {
        // Map keeps insertion order: the oldest keys go first.
        for (const old of seen.keys()) {
          seen.delete(old);
          if (seen.size <= MAX_KEYS / 2) break;
        }
      }
      return true;
    },
  };
}

type SlackBody = { event_id?: string; trigger_id?: string; actions?: { action_ts?: string }[] };

/**
 * What a repeat of this request shares: an event's id; else the raw body's hash (HTTP), which a
 * corrected modal does not share with the rejected one; else, in Socket Mode where there is no
 * raw body, the interaction's trigger. Undefined for a request with none of these.
 */
export function requestKey(body: SlackBody, bodyHash: string | undefined): string | undefined {
  if (body.event_id) return `event:${body.event_id}`;
  if (bodyHash) return `body:${bodyHash}`;
  if (body.trigger_id) return `trigger:${body.trigger_id}:${body.actions?.[0]?.action_ts ?? ''}`;
  return undefined;
}
