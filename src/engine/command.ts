/**
 * What a command is. A file in `commands/` default-exports one `Command`: its Dutch name and
 * English aliases, and one or more actions (`doel nieuw`, `doel behaald`), each with who may run
 * it, how its words bind to arguments, a zod schema for them, and a handler returning a `Reply`.
 *
 * Locale keys follow from the names, so that a command needs no registration anywhere:
 * `commands.<name>.summary` for `help`, and `commands.<name>.<action>.usage` / `.example` for
 * every action (the default action is called `main`).
 */
import type { z } from 'zod';
import type { Capability } from '../domain/access.ts';
import type { Audience } from '../domain/actor.ts';
import type { Params } from '../i18n/translate.ts';
import type { BlockInput, ReplyInput } from '../reply/reply.ts';
import type { CommandContext } from './context.ts';

/** A word position; a `rest` positional takes every word the others leave, joined by spaces (names). */
export type Positional = { key: string; rest?: boolean };

export type OptionSpec = {
  /** English spellings of the Dutch option name. */
  aliases?: readonly string[];
  /** Takes no value. */
  flag?: boolean;
  /** May be given more than once; the values arrive as a list. */
  repeat?: boolean;
};

export type ActionSpec<Args extends z.ZodType> = {
  /** `main` for what the command does without an action word. */
  name: string;
  /** Words that select this action, e.g. `nieuw` and `new`. */
  words?: readonly string[];
  who: readonly Audience[];
  positionals?: readonly Positional[];
  options?: Readonly<Record<string, OptionSpec>>;
  args: Args;
  /** Whether the action changes data; only used for documentation and tests. */
  changes?: boolean;
  run: (context: CommandContext, args: z.output<Args>) => ReplyInput | Promise<ReplyInput>;
  /**
   * The same action as a form, for platforms that show one (a Slack modal, a Teams card); its
   * inputs are drawn from `args` (src/engine/forms.ts).
   */
  form?: FormSpec;
};

type FormBlock = Extract<BlockInput, { type: 'form' }>;

/**
 * One input of a form: an argument of the action, by name. Its kind, limits and whether it must
 * be filled in come from the argument's schema; an entry may ask for it though the typed command
 * may leave it out (`required`), give it a value to start from, or a label key of its own (with
 * `labelParams`). A name the schema does not list is taken by its catch-all (`doel-12` in the
 * reflection).
 */
export type FormField =
  | string
  | {
      name: string;
      required?: boolean;
      value?: string | undefined;
      label?: string;
      labelParams?: Params;
    };

/**
 * A form: which of the action's arguments it asks, in which order, and where their labels are
 * (the input for argument `titel` is labelled `<labels>.titel`). `open` is called with what the
 * button that opened it knew (`prefill`, keyed by argument: `naam`, `nummer`; it travels with the
 * form and comes back with the submission) and returns the form's words and starting values, or a
 * refusal.
 */
export type FormSpec = {
  labels: string;
  fields: readonly FormField[];
  open: (
    context: CommandContext,
    prefill: Readonly<Record<string, string>>,
  ) => FormOpening | ReplyInput | Promise<FormOpening | ReplyInput>;
};

export type FormOpening = Pick<FormBlock, 'title' | 'submitLabel'> & {
  intro?: string;
  /** What fields start with, by name: today's date, what was given before; absent, blank. */
  values?: Readonly<Record<string, string | undefined>>;
  /** Fields known only when the form opens (the reflection's open goals), put before the field named. */
  insert?: { before: string; fields: readonly FormField[] };
};

export type Action = ActionSpec<z.ZodType>;

export type Command = {
  name: string;
  aliases: readonly string[];
  actions: readonly Action[];
  /**
   * The summary for someone whose roles lack `without`, when `commands.<name>.summary` would
   * promise them what they cannot see or do (the card's wellbeing, to a subject teacher).
   */
  narrowSummary?: { without: Capability; key: string };
};

/** Keeps each action's handler typed by its own schema while the command holds them together. */
export function action<Args extends z.ZodType>(spec: ActionSpec<Args>): Action {
  return spec as unknown as Action;
}

export function command(spec: Command): Command {
  return spec;
}
