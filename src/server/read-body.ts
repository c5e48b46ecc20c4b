/**
 * A request body, read up to a limit so that a client cannot make Koers hold gigabytes. Over the
 * limit the answer is 413 at once — before reading when `Content-Length` says so — with
 * `Connection: close`: closing ends the upload, where keeping the connection alive would hold the
 * socket open, draining, until the keep-alive timeout.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The bytes, for a signature computed over exactly what was sent (Slack's `v0`); undefined once refused. */
export async function readBoundedBody(
  request: IncomingMessage,
  response: ServerResponse,
  maxBytes: number,
): Promise<Buffer | undefined> {
  const tooLarge = () => {
    response.writeHead(413, { connection: 'close' }).end();
    return undefined;
  };
  if (Number(request.headers['content-length']) > maxBytes) return tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) {
      // The rest is not kept; the answer can still be written, and closes the connection.
      request.resume();
      return tooLarge();
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
