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
   * The same action as a form, for platforms that show one (a Slack modal, a Teams card).
   * `prefill` is what the button that opened it knew, keyed by argument (`naam`, `nummer`); it
   * travels with the form and comes back with the submission. Returns the form, or a refusal.
   */
  form?: (context: CommandContext, prefill: Readonly<Record<string, string>>) => FormSpec | ReplyInput;
};

type FormBlock = Extract<BlockInput, { type: 'form' }>;
/** A form's visible part; the engine adds its id (command and action) and the prefill. */
export type FormSpec = Pick<FormBlock, 'title' | 'submitLabel' | 'inputs'> & { intro?: string };

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
