/**
 * The one HTTP server of PRODUCT.md section 5. Platform adapters add their routes
 * (`POST /slack/events`, `POST /api/messages`); this module only dispatches by method and path.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { errorId, log, loggableError } from '../log.ts';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;
export type Route = { method: 'GET' | 'POST'; path: string; handler: Handler };

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

export function createHttpServer(routes: readonly Route[]): Server {
  return createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const onPath = routes.filter((route) => route.path === path);
    const route = onPath.find((r) => r.method === request.method);
    if (!route) {
      sendJson(response, onPath.length > 0 ? 405 : 404, {
        error: onPath.length > 0 ? 'method not allowed' : 'not found',
      });
      return;
    }
    try {
      await route.handler(request, response);
    } catch (error) {
      // A client that left mid-body (Node's `aborted`, ECONNRESET) is no failure of Koers: no
      // stack, no id, and nobody to answer. Several a minute is normal on a flaky school network.
      if (clientAborted(request, error)) {
        log.info('http.aborted', { method: request.method, path });
        return;
      }
      const id = errorId();
      log.error('http.failed', { id, path, error: loggableError(error) });
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error', id });
      else response.end();
    }
  });
}

/**
 * Whether a handler failed because its client went away before the body was complete. Only the
 * request's own stream counts: an ECONNRESET from a call Koers makes (to Slack, to Teams) while
 * the request is intact is a real failure, and keeps its stack.
 */
function clientAborted(request: IncomingMessage, error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return !request.complete && (request.readableAborted || code === 'ECONNRESET');
}

/** Resolves once listening; rejects with the OS error (EADDRINUSE, EACCES) otherwise. */
export function listen(server: Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
