/**
 * Slack repeats a request it thinks went unanswered (`X-Slack-Retry-Num`). A repeat shares a key
 * with the first try (`requestKey`); a second sighting within the window is acknowledged and
 * dropped, so nothing is done twice.
 * In the database (`src/store/slack-requests.ts`): the retry may reach another Koers process
 * sharing it than the first try did. The nightly `maintenance` job forgets the old keys.
 */
import { takeSlackRequest } from '../../store/slack-requests.ts';
import type { Store } from '../../store/store.ts';

export function retryGuard(store: Store, now: () => number = Date.now) {
  return {
    /**
     * True the first time a key is offered within the window, in whichever process. Throws when
     * the database cannot answer: the request then fails unacknowledged, as it would without its
     * database anyway, rather than being dropped unseen or done twice (Slack retries an event).
     */
    firstTime(key: string): Promise<boolean> {
      return takeSlackRequest(store, key, new Date(now()));
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
