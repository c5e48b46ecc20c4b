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

/** The working directory as stack frames name it, so that frames can say `src/…` instead. */
const ROOT = `${process.cwd()}/`;

/**
 * An error's message as the log may hold it, on one line. A failed query's message repeats its
 * parameters (drizzle's `Failed query: … params: …`), which can be a student's reflection text or
 * an address; only the database's own reason is kept then.
 */
export function loggableMessage(error: unknown): string {
  if (!(error instanceof Error)) return oneLine(String(error));
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const queryFailed = error.name === 'DrizzleQueryError' || /\bparams:/.test(error.message);
  return oneLine(queryFailed ? `${error.name}: ${cause?.message ?? 'query failed'}` : error.message);
}

/**
 * An error as the log may hold it: the message (`loggableMessage`) and where it happened, on one
 * line, since a log line is one JSON object and people read the log with `grep` and `jq -r`. The
 * frames are joined with ` | `, not dropped: they are how an administrator's error id becomes a
 * place in the code. Node's own internals are left out, paths are made relative and at most eight
 * frames kept, so that a line stays well under a kilobyte.
 */
export function loggableError(error: unknown): string {
  const message = loggableMessage(error);
  if (!(error instanceof Error)) return message;
  const frames = (error.stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at ') && !line.includes('node:internal'))
    .map((line) => line.replaceAll('file://', '').replaceAll(ROOT, ''));
  return [message, ...frames.slice(0, 8)].join(' | ');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').slice(0, 300);
}

/** Values a console line must never carry into the log: configured secrets (an app password). */
const secrets = new Set<string>();
let consoleRouted = false;

/**
 * Sends `console.error` and `console.warn` to this log, one JSON line each. botbuilder and
 * teams-ai write to the console themselves (a rejected token: the error with its stack, and the
 * channel's public keys), which broke the one-JSON-line log. Koers itself never uses the console,
 * so what arrives here is an SDK talking: kept as `console` at level `warn` whatever the SDK chose
 * (a bad token from the internet is not Koers failing; Koers logs its own failures as errors),
 * with only the first line of what was said, no stack, objects by their kind only (an HTTP
 * error's object holds its request headers), and tokens and `secret` values masked. Installed
 * once per process; later calls only add secrets.
 */
export function routeConsoleToLog(secret?: string): void {
  if (secret) secrets.add(secret);
  if (consoleRouted) return;
  consoleRouted = true;
  console.error = (...args: unknown[]) =>
    write('warn', 'console', { stream: 'error', message: consoleLine(args) });
  console.warn = (...args: unknown[]) =>
    write('warn', 'console', { stream: 'warn', message: consoleLine(args) });
}

function consoleLine(args: unknown[]): string {
  const text = args
    .map((arg) => {
      if (arg instanceof Error) return `${arg.name}: ${arg.message}`;
      if (arg === null || typeof arg !== 'object') return String(arg);
      return `[${arg.constructor?.name ?? 'object'}]`;
    })
    .join(' ');
  let line = text.trimStart().split('\n')[0] ?? '';
  for (const secret of secrets) line = line.replaceAll(secret, '[secret]');
  return line
    .replace(/\bBearer\s+\S+/gi, 'Bearer [token]')
    .replace(/\beyJ[\w-]*\.[\w-]*(\.[\w-]*)?/g, '[token]')
    .slice(0, 300);
}
