/**
 * The words on things a reader acts on or scans for: buttons, headers, titles, input labels, and
 * the note that says some items were left out. A platform refuses an empty label, and a button
 * without words cannot say what it does, so every renderer chooses labels the same way.
 */
import { translate } from '../../i18n/translate.ts';
import type { Button, Reply } from '../../reply/reply.ts';
import { ELLIPSIS } from './cutting.ts';
import { oneLine } from './lines.ts';

/** The first candidate with words, on one line; '…' when none has any. */
export function label(...candidates: string[]): string {
  return (
    candidates.map((candidate) => oneLine(candidate).trim()).find((candidate) => candidate !== '') ?? ELLIPSIS
  );
}

/** A button without words cannot say what it does, so it is left out rather than shown blank. */
export function usable(button: Button): boolean {
  return oneLine(button.label).trim() !== '';
}

/**
 * What a renderer says where a platform limit made it leave items out ("… en nog 12."): a limit
 * may shorten what is shown, never silently.
 */
export function moreNote(locale: Reply['locale'], count: number): string {
  return translate(locale, 'lookup.more', { count });
}
