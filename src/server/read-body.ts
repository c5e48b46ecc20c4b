/** A request body as text, read up to a limit so that a client cannot make Koers hold gigabytes. */
import type { IncomingMessage } from 'node:http';

export type Body = { kind: 'read'; text: string } | { kind: 'tooLarge' };

export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) {
      // Drain the rest without keeping it, so the answer can still be written.
      request.resume();
      return { kind: 'tooLarge' };
    }
    chunks.push(buffer);
  }
  return { kind: 'read', text: Buffer.concat(chunks).toString('utf8') };
}
