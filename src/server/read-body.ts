/** A request body as text, read up to a limit so that a client cannot make Koers hold gigabytes. */
import type { IncomingMessage } from 'node:http';

export type Body = { kind: 'read'; text: string } | { kind: 'tooLarge' };
export type RawBody = { kind: 'read'; bytes: Buffer } | { kind: 'tooLarge' };

export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Body> {
  const body = await readRawBody(request, maxBytes);
  return body.kind === 'read' ? { kind: 'read', text: body.bytes.toString('utf8') } : body;
}

/** The bytes themselves, for a signature computed over exactly what was sent (Slack's `v0`). */
export async function readRawBody(request: IncomingMessage, maxBytes: number): Promise<RawBody> {
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
  return { kind: 'read', bytes: Buffer.concat(chunks) };
}
