/**
 * A form input described the way a renderer needs it, whatever its platform: the words on it, and
 * the earlier value only when the platform's widget can hold it (a date picker takes a date, a
 * number field a number in its range). Each renderer maps a description to its own widget (a Slack
 * `datepicker`, an `Input.Date`, an HTML `<input type="date">`), so what counts as a usable initial
 * value or a range is decided here once.
 */
import type { FormInput } from '../../reply/reply.ts';
import type { TextCutter } from './cutting.ts';
import { label } from './labels.ts';
import { oneLine } from './lines.ts';

type Option = { value: string; label: string };

export type InputCommon = {
  name: string;
  /** The input's label, or its name when the label has no words. */
  label: string;
  required: boolean;
  /** The error to show with the input, when it has words; as written, since it may have several lines. */
  error: string | undefined;
};

export type InputWidget =
  | { kind: 'text'; multiline: boolean; maxLength: number | undefined; initial: string | undefined }
  | { kind: 'date'; initial: string | undefined }
  | { kind: 'number'; min: number | undefined; max: number | undefined; initial: number | undefined }
  | { kind: 'select'; options: Option[]; chosen: Option | undefined }
  | { kind: 'checkbox'; checked: boolean };

export type InputDescription = InputCommon & InputWidget;

export type NumberRule = {
  /** Slack's number input takes whole numbers only; a card's takes decimals. */
  whole: boolean;
};

export function describeInput(field: FormInput, numbers: NumberRule): InputDescription {
  const common: InputCommon = {
    name: field.name,
    label: label(field.label, field.name),
    required: field.required,
    error: field.error !== undefined && oneLine(field.error).trim() !== '' ? field.error : undefined,
  };
  const value = field.value;
  switch (field.type) {
    case 'text':
    case 'textarea':
      return {
        ...common,
        kind: 'text',
        multiline: field.type === 'textarea',
        maxLength: field.maxLength,
        initial: value ? value : undefined,
      };
    case 'date':
      return { ...common, kind: 'date', initial: value && isIsoDate(value) ? value : undefined };
    case 'number':
      return { ...common, kind: 'number', ...numberRange(field, numbers) };
    case 'select':
      return {
        ...common,
        kind: 'select',
        options: field.options,
        chosen: field.options.find((option) => option.value === value),
      };
    case 'checkbox':
      return { ...common, kind: 'checkbox', checked: value === 'true' };
  }
}

/** `YYYY-MM-DD` of a day that exists: what every date picker takes as its value. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * The range a platform can be given and the earlier value if it fits it. A range that holds no
 * number the platform takes is left out (the handler's own check still applies); so is a bound
 * JSON cannot write (Infinity) or Slack cannot read (past a safe integer).
 */
function numberRange(
  field: Extract<FormInput, { type: 'number' }>,
  { whole }: NumberRule,
): { min: number | undefined; max: number | undefined; initial: number | undefined } {
  let min = bound(field.min, whole ? Math.ceil : undefined);
  let max = bound(field.max, whole ? Math.floor : undefined);
  if (min !== undefined && max !== undefined && min > max) [min, max] = [undefined, undefined];
  const typed = field.value?.trim() ?? '';
  const pattern = whole ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
  const number = pattern.test(typed) ? Number(typed) : undefined;
  const fits =
    number !== undefined &&
    (whole ? Number.isSafeInteger(number) : Number.isFinite(number)) &&
    (min === undefined || number >= min) &&
    (max === undefined || number <= max);
  return { min, max, initial: fits ? number : undefined };
}

function bound(value: number | undefined, round: ((n: number) => number) | undefined): number | undefined {
  if (value === undefined) return undefined;
  const rounded = (round ? round(value) : value) + 0; // + 0 turns -0 into 0
  const usable = round ? Number.isSafeInteger(rounded) : Number.isFinite(rounded);
  return usable ? rounded : undefined;
}

/**
 * At most `max` of a select's options, in order, keeping the one chosen before choosable even
 * when it is past them; `hidden` says how many were left out, for a note that says so.
 */
export function visibleOptions<T extends { value: string }>(
  options: T[],
  chosen: string | undefined,
  max: number,
): { shown: T[]; hidden: number } {
  let shown = options.slice(0, max);
  const kept = options.find((option) => option.value === chosen);
  if (kept && !shown.includes(kept)) shown = [...shown.slice(0, max - 1), kept];
  return { shown, hidden: options.length - shown.length };
}

/** The earlier value a reader sees: a select's chosen label rather than its value. */
export function shownValue(field: FormInput): string | undefined {
  if (field.value === undefined) return undefined;
  if (field.type !== 'select') return field.value;
  return field.options.find((option) => option.value === field.value)?.label ?? field.value;
}

/**
 * What a text input can be given of what the user typed before: at most `max` units, never marked
 * with '…' (it would become part of their text), and how many characters (as a reader counts
 * them) were left out, for a
 * note that says so rather than letting the user send the shortened text unawares.
 */
export function initialText(
  value: string,
  max: number,
  cutter: TextCutter,
): { shown: string; hidden: number } {
  const shown = cutter.take(value, max);
  return { shown, hidden: Array.from(cutter.units(value.slice(shown.length))).length };
}
