/**
 * Operational log lines on stderr, one JSON object each, for whoever runs Koers.
 *
 * Callers pass ids and counts, never message texts, reflection answers or secrets: the log is
 * read by people who may not see student data.
 */
import { randomBytes } from 'node:crypto';

type Fields = Record<string, string | number | boolean | undefined>;

function write(level: 'info' | 'warn' | 'error', event: string, fields: Fields): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
}

export const log = {
  info: (event: string, fields: Fields = {}) => write('info', event, fields),
  warn: (event: string, fields: Fields = {}) => write('warn', event, fields),
  error: (event: string, fields: Fields = {}) => write('error', event, fields),
};

/** A short id that a user can quote and an administrator can find in the log. */
export function errorId(): string {
  return randomBytes(4).toString('hex');
}

/**
 * An error as the log may hold it. A failed query's message repeats its parameters (drizzle's
 * `Failed query: … params: …`), which can be a student's reflection text or an address; only the
 * database's own reason is kept then. The stack (where in Koers) stays.
 */
export function loggableError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 300);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const queryFailed = error.name === 'DrizzleQueryError' || /\bparams:/.test(error.message);
  const message = queryFailed ? `${error.name}: ${cause?.message ?? 'query failed'}` : error.message;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return [message.slice(0, 300), ...frames.slice(0, 12)].join('\n');
}
