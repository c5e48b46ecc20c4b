/**
 * Actions as forms: what a Slack modal or a Teams card shows, and what comes back when it is
 * submitted. A submission is validated by the action's own zod schema and runs the same handler
 * as the typed command; a wrong field comes back as an error on that field, in the user's
 * language, with everything else the user typed kept by the platform.
 */
import type { z } from 'zod';
import { audiencesOf } from '../domain/actor.ts';
import type { Translator } from '../i18n/translate.ts';
import { formButton } from '../reply/buttons.ts';
import type { FormInput, Reply, ReplyInput } from '../reply/reply.ts';
import { argumentDoc, expectedText } from './arguments.ts';
import type { BoundValue } from './bind.ts';
import type { Action, Command, FormField, FormOpening, FormSpec } from './command.ts';
import { withStudent } from './command-line.ts';
import { type CommandRequest, execute, guarded, inContext, type Setting, settle } from './execution.ts';
import { refusal } from './replies.ts';

export type FormRequest = Omit<CommandRequest, 'text'>;

export type Submission =
  /**
   * The reply is the answer to show: `ok`, or `usage` when the asker must choose a student from a
   * list first (the only `usage` a submission can give; a wrong field is `invalid`).
   */
  | { kind: 'done'; reply: Reply }
  /** Field errors keyed by input name; the form stays open. */
  | { kind: 'invalid'; errors: Record<string, string> }
  /**
   * A `refused` or `error` outcome from the action or around it (no access, a state that changed
   * meanwhile, an unexpected error: `reply.outcome` says which). `errors` holds the reply's message
   * as the form's general error (key `''`), so that the form stays open and says why.
   */
  | { kind: 'refused'; reply: Reply; errors: Record<string, string> };

/** `doelen.nieuw`: the id a form is known by on every platform. */
export const formIdOf = (command: Command, action: Action) => `${command.name}.${action.name}`;

function findForm(commands: readonly Command[], formId: string) {
  const [commandName, actionName] = formId.split('.');
  const command = commands.find((c) => c.name === commandName);
  const action = command?.actions.find((a) => a.name === actionName && a.form);
  return command && action ? { command, action } : undefined;
}

const isOpening = (value: FormOpening | ReplyInput): value is FormOpening => !('blocks' in value);

/** A text of up to this many characters is one line; a longer one gets a box of several. */
export const ONE_LINE_MAX = 200;

/**
 * The schema of one argument and whether it must be given; a name the object does not list is
 * taken by its catch-all, if it has one, and may always be left out.
 */
function argumentSchema(action: Action, name: string): { schema: z.ZodType; needed: boolean } | undefined {
  const object = action.args as z.ZodObject;
  const listed = object.shape?.[name] as z.ZodType | undefined;
  if (listed) return { schema: listed, needed: !listed.safeParse(undefined).success };
  const catchall = object.def?.catchall as z.ZodType | undefined;
  return catchall ? { schema: catchall, needed: false } : undefined;
}

const fieldOf = (field: FormField) => (typeof field === 'string' ? { name: field } : field);

/** The argument a field asks for and how a form asks it; a field no form can ask is a mistake in the command. */
function argumentOf(action: Action, name: string) {
  const argument = argumentSchema(action, name);
  const doc = argument ? argumentDoc(argument.schema) : undefined;
  if (!argument || !doc || (!doc.choicesOf && !doc.input))
    throw new Error(`form field ${name}: no argument a form can ask`);
  return { ...argument, doc };
}

/** One field as an input, drawn from its argument's schema. */
function inputOf(
  t: Translator,
  action: Action,
  labels: string,
  field: FormField,
  values: Readonly<Record<string, string | undefined>>,
): FormInput {
  const { name, required, label, labelParams, ...rest } = fieldOf(field);
  const value = values[name] ?? rest.value;
  const { doc, ...argument } = argumentOf(action, name);
  const base = {
    name,
    label: t(label ?? `${labels}.${name}`, labelParams),
    // What the typed command must have, the form must have too; the field may ask more.
    required: required ?? argument.needed,
    ...(value !== undefined ? { value } : {}),
  };
  const choices = doc.choicesOf;
  if (choices)
    return {
      type: 'select',
      ...base,
      options: choices.values.map((v) => ({ value: String(v), label: t(`enum.${choices.enumName}.${v}`) })),
    };
  const input = doc.input;
  switch (input?.type) {
    case 'text':
      return {
        type: input.maxLength > ONE_LINE_MAX ? 'textarea' : 'text',
        ...base,
        maxLength: input.maxLength,
      };
    case 'lines':
      return { type: 'textarea', ...base, maxLength: input.maxLength };
    case 'date':
      return { type: 'date', ...base };
    case 'checkbox':
      return { type: 'checkbox', ...base };
    case 'number': {
      const { min, max, labels: valueLabels } = input;
      if (valueLabels === undefined) return { type: 'number', ...base, min, max };
      const values = Array.from({ length: max - min + 1 }, (_, i) => String(min + i));
      return {
        type: 'select',
        ...base,
        options: values.map((v) => ({ value: v, label: t(`${valueLabels}.${v}`) })),
      };
    }
    default:
      throw new Error(`form field ${name}: its argument has no form input`);
  }
}

/**
 * The inputs of a form: each field drawn from the action's arguments, in the form's order, with
 * the fields known only when it opens put in their place.
 */
export function formInputs(
  t: Translator,
  action: Action,
  spec: Pick<FormSpec, 'labels' | 'fields'>,
  opening: Pick<FormOpening, 'values' | 'insert'> = {},
): FormInput[] {
  const { insert, values = {} } = opening;
  const fields = spec.fields.flatMap((field) =>
    insert && fieldOf(field).name === insert.before ? [...insert.fields, field] : [field],
  );
  return fields.map((field) => inputOf(t, action, spec.labels, field, values));
}

/**
 * Every label key the commands' forms draw from their arguments (`forms.goal.titel`, the steps of
 * a labelled scale), for the test that every locale key is used; a field's own label key and the
 * fields inserted when a form opens are written out in the command.
 */
export function formLabelKeys(commands: readonly Command[]): string[] {
  const keys = commands.flatMap((command) =>
    command.actions.flatMap((action) => {
      const form = action.form;
      if (!form) return [];
      return form.fields.flatMap((field) => {
        const { name, label } = fieldOf(field);
        const input = argumentOf(action, name).doc.input;
        const steps =
          input?.type === 'number' && input.labels !== undefined
            ? Array.from({ length: input.max - input.min + 1 }, (_, i) => `${input.labels}.${input.min + i}`)
            : [];
        return [label ?? `${form.labels}.${name}`, ...steps];
      });
    }),
  );
  return [...new Set(keys)];
}

export async function openForm(
  commands: readonly Command[],
  request: FormRequest & { formId: string; prefill: Record<string, string> },
): Promise<Reply> {
  return guarded(
    request,
    async () => {
      const setting = settle(request, commands);
      const found = findForm(commands, request.formId);
      const form = found?.action.form;
      if (!found || !form) return refusal(setting.t, setting.locale, 'forms.unknown');
      const { command, action } = found;
      if (!action.who.some((who) => audiencesOf(request.actor).includes(who)))
        return refusal(setting.t, setting.locale, 'access.commandNotForYou', { command: command.name });
      // A forgiving match opens no form: the asker chooses, and that button opens it for the one chosen.
      const chooser = (reference: string, query: string) =>
        formButton(
          setting.t('lookup.choose'),
          request.formId,
          withStudent(request.prefill, query, reference),
        );
      const spec = await inContext(
        setting,
        command,
        action,
        (context) => form.open(context, request.prefill),
        { chooser },
      );
      if (!isOpening(spec)) return spec;
      return {
        locale: setting.locale,
        blocks: [
          ...(spec.intro ? [{ type: 'text' as const, text: spec.intro }] : []),
          {
            type: 'form',
            formId: formIdOf(command, action),
            title: spec.title,
            submitLabel: spec.submitLabel,
            inputs: formInputs(setting.t, action, form, spec),
            payload: request.prefill,
          },
        ],
      };
    },
    () => request.formId.split('.')[0],
  );
}

/** Form values as the action's schema expects them: blanks are absent, a list is one per line. */
function rawValues(action: Action, values: Record<string, string | undefined>): Record<string, BoundValue> {
  const raw: Record<string, BoundValue> = {};
  for (const [key, value] of Object.entries(values)) {
    const text = value?.trim();
    if (!text) continue;
    raw[key] = action.options?.[key]?.repeat
      ? text
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
      : text;
  }
  return raw;
}

function fieldErrors(
  setting: Setting,
  action: Action,
  issues: readonly z.core.$ZodIssue[],
  raw: Record<string, unknown>,
) {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    if (errors[key]) continue;
    if (issue.path.length === 0) {
      errors[''] = setting.t(issue.message);
      continue;
    }
    const schema = (action.args as z.ZodObject).shape?.[key] as z.ZodType | undefined;
    const doc = schema ? argumentDoc(schema) : undefined;
    const expected = doc ? expectedText(setting.t, doc) : setting.t('args.valid');
    errors[key] =
      raw[key] === undefined
        ? setting.t('forms.required', { expected })
        : setting.t('forms.invalid', { expected });
  }
  return errors;
}

export async function submitForm(
  commands: readonly Command[],
  request: FormRequest & {
    formId: string;
    payload: Record<string, string>;
    values: Record<string, string | undefined>;
  },
): Promise<Submission> {
  const found = findForm(commands, request.formId);
  let invalid: Record<string, string> | undefined;
  const reply = await guarded(
    request,
    async () => {
      const setting = settle(request, commands);
      if (!found) return refusal(setting.t, setting.locale, 'forms.unknown');
      const { command, action } = found;
      if (!action.who.some((who) => audiencesOf(request.actor).includes(who)))
        return refusal(setting.t, setting.locale, 'access.commandNotForYou', { command: command.name });
      // What the button knew (the student) cannot be changed by the form: it wins over any field.
      const raw = { ...rawValues(action, request.values), ...request.payload };
      const parsed = action.args.safeParse(raw);
      if (!parsed.success) {
        invalid = fieldErrors(setting, action, parsed.error.issues, raw);
        return { locale: setting.locale, blocks: [] };
      }
      return execute(setting, command, action, parsed.data, raw);
    },
    () => found?.command.name,
  );
  if (invalid) return { kind: 'invalid', errors: invalid };
  if (reply.outcome === 'refused' || reply.outcome === 'error')
    return { kind: 'refused', reply, errors: { '': messageOf(reply) } };
  return { kind: 'done', reply };
}

/** What a reply that is not `ok` says first: the refusal, the problem or the error id. */
function messageOf(reply: Reply): string {
  for (const block of reply.blocks) if (block.type === 'text' || block.type === 'header') return block.text;
  return '';
}
