import type { Store } from '../store/database.ts';
import { pingStore } from '../store/maintenance.ts';
import { type Route, sendJson } from './http-server.ts';

/** `GET /healthz`: 200 while the store answers, 503 when it does not. */
export function healthRoute(store: Store): Route {
  return {
    method: 'GET',
    path: '/healthz',
    async handler(_request, response) {
      let ok = false;
      try {
        ok = await pingStore(store);
      } catch {
        ok = false;
      }
      sendJson(response, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable' });
    },
  };
}
