/**
 * The names a posted `<form>` carries. A button and a form block each post a small form of their
 * own; besides its own fields, every one carries the page's hidden fields (who acts, say). A form
 * block's inputs are posted as `field.<name>`, so an input named `payload` or `as` can never
 * shadow what the page reads: the page's hidden names are checked once against the names Koers
 * posts itself.
 */
import { element, voidElement } from './markup.ts';

/** Where a posted form goes and what it always carries. */
export type Posting = { url: string; hidden: Readonly<Record<string, string>> };

/** What the pressed button said, in words (html/buttons.ts). */
export const SAID = 'said';
/** The names the renderer posts itself; a hidden field of the page may not take one. */
const POSTED_NAMES = ['actionId', 'formId', 'payload', SAID] as const;
export const FIELD_PREFIX = 'field.';

/** The page's hidden fields, refused when one would shadow a name Koers posts or has no name at all. */
export function checkedHidden(hidden: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  for (const name of Object.keys(hidden)) {
    const reserved = (POSTED_NAMES as readonly string[]).includes(name) || name.startsWith(FIELD_PREFIX);
    if (name === '' || reserved)
      throw new Error(`hidden field ${JSON.stringify(name)} would shadow what a posted form carries`);
  }
  return hidden;
}

/** The name an input of a form block is posted under. */
export function fieldName(name: string): string {
  return FIELD_PREFIX + name;
}

/**
 * A `<form method="post">` with the given fields hidden, then the page's, then `content`
 * (markup): the visible inputs and the submit button.
 */
export function postedForm(
  posting: Posting,
  own: Readonly<Record<string, string>>,
  content: string,
  attributes: Readonly<Record<string, string | undefined>> = {},
): string {
  // Listed, not merged: a name twice would be posted twice, never silently replaced.
  const hidden = [...Object.entries(own), ...Object.entries(posting.hidden)].map(([name, value]) =>
    voidElement('input', { type: 'hidden', name, value }),
  );
  return element(
    'form',
    { ...attributes, method: 'post', action: posting.url },
    [...hidden, content].join(''),
  );
}
