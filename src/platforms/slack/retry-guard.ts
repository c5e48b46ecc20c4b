/**
 * Slack repeats a request it thinks went unanswered (`X-Slack-Retry-Num`). Each request carries an
 * id that a repeat shares (an event's `event_id`, an interaction's `trigger_id`, a view's id and
 * hash); a second sighting within the window is acknowledged and dropped, so nothing is done twice.
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

type SlackBody = {
  event_id?: string;
  trigger_id?: string;
  type?: string;
  view?: { id?: string; hash?: string };
  actions?: { action_ts?: string }[];
};

/** The id a retry of this request would share, or undefined for requests that change nothing. */
export function requestKey(body: SlackBody): string | undefined {
  if (body.event_id) return `event:${body.event_id}`;
  if (body.type === 'view_submission' && body.view?.id) return `view:${body.view.id}:${body.view.hash ?? ''}`;
  if (body.trigger_id) return `trigger:${body.trigger_id}:${body.actions?.[0]?.action_ts ?? ''}`;
  return undefined;
}
