/**
 * The two kinds of button every platform understands. `koers.run` runs a command line as the
 * person who pressed it (so the same permissions apply); `koers.form` opens an action's form,
 * prefilled with what the button knew. Payloads carry ids and command words, never content.
 */
import type { Button } from './reply.ts';

export const RUN_ACTION = 'koers.run';
export const FORM_ACTION = 'koers.form';

export function runButton(label: string, text: string): Button {
  return { label, actionId: RUN_ACTION, payload: { text } };
}

/** `form` is the form's id, `<command>.<action>` (src/engine/forms.ts). */
export function formButton(label: string, form: string, prefill: Record<string, string>): Button {
  return { label, actionId: FORM_ACTION, payload: { ...prefill, form } };
}
