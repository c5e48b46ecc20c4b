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
