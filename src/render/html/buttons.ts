/**
 * A button as a form of its own that posts the button's action id and payload: a native submit
 * button needs no script, works from the keyboard and says what it does to a screen reader.
 */
import type { Button } from '../../reply/reply.ts';
import { usable } from '../kit/labels.ts';
import { oneLine } from '../kit/lines.ts';
import { element, escapeHtml } from './markup.ts';
import { type Posting, postedForm, SAID } from './posting.ts';

/**
 * The submit button of a posted form: `primary` or `danger` as a class, for the page to colour.
 * It posts `said` as `said` (a browser sends the pressed button's name and value), so the page
 * can show in words what the person did ("Bekijk Yara Wijaya", "Weekreflectie"), where the
 * payload itself names a student only by an opaque id.
 */
export function submitButton(text: string, style: Button['style'], said: string): string {
  return element('button', { type: 'submit', class: style, name: SAID, value: said }, text);
}

export function buttonForm(button: Button, posting: Posting): string {
  const fields = { actionId: button.actionId, payload: JSON.stringify(button.payload) };
  const words = oneLine(button.label).trim();
  const label = submitButton(escapeHtml(words), button.style, words);
  return postedForm(posting, fields, label, { class: 'button' });
}

/** Buttons side by side; one without words is left out, as on every platform (kit/labels.ts). */
export function buttonRow(buttons: Button[], posting: Posting): string {
  const shown = buttons.filter(usable);
  if (shown.length === 0) return '';
  return element('div', { class: 'actions' }, shown.map((button) => buttonForm(button, posting)).join(''));
}
