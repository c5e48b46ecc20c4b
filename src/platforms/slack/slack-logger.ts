/**
 * Bolt's and the Web API client's log lines, into Koers's JSON log. Debug lines are dropped:
 * at that level Bolt prints whole request bodies, which hold names and reflection answers.
 */
import { type Logger, LogLevel } from '@slack/bolt';
import { log } from '../../log.ts';

const text = (parts: unknown[]) =>
  parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ');

export function slackLogger(): Logger {
  let level = LogLevel.INFO;
  let name = 'slack';
  return {
    debug: () => {},
    info: (...parts) => log.info('slack.info', { source: name, message: text(parts).slice(0, 300) }),
    warn: (...parts) => log.warn('slack.warn', { source: name, message: text(parts).slice(0, 300) }),
    error: (...parts) => log.error('slack.error', { source: name, message: text(parts).slice(0, 300) }),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}
