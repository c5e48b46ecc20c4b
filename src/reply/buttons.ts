/**
 * The two kinds of button every platform understands. `koers.run` runs a command line as the
 * person who pressed it (so the same permissions apply); `koers.form` opens an action's form,
 * prefilled with what the button knew. Payloads carry ids and command words, never content:
 * Slack keeps a button's value and a modal's metadata in its history, so a student is named in
 * them by reference (`studentReference`), never by address or name.
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

/**
 * `id:42`: a student named by their number in the store, where a button or form names a student
 * (`leerling id:42`, `{ "naam": "id:42" }`). A colon is in no name and no address, so a typed
 * name is never read as one; the student finder (src/engine/student-finder.ts) resolves it among
 * the students the asker may see, exactly as a typed address, so a reference grants nothing.
 */
export function studentReference(studentId: number): string {
  return `id:${studentId}`;
}

const REFERENCE = /^id:(\d{1,12})$/i;

/** The student number a reference names, or undefined when `text` is no reference. */
export function studentIdOfReference(text: string): number | undefined {
  const digits = text.trim().match(REFERENCE)?.[1];
  return digits === undefined ? undefined : Number(digits);
}
