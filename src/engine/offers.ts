/**
 * What Koers offers a person: the commands and actions their roles may run and a summary that
 * promises only what they may see. Help, suggestions and hints read it, so that nothing points
 * at a command that would then be refused (src/domain/access.ts is the policy behind `who`).
 */
import { roleMay } from '../domain/access.ts';
import { type Actor, audiencesOf } from '../domain/actor.ts';
import type { Translator } from '../i18n/translate.ts';
import type { Action, Command } from './command.ts';

export function actionsFor(actor: Actor, found: Command): Action[] {
  const audiences = audiencesOf(actor);
  return found.actions.filter((a) => a.who.some((who) => audiences.includes(who)));
}

export function mayRun(actor: Actor, action: Action): boolean {
  const audiences = audiencesOf(actor);
  return action.who.some((who) => audiences.includes(who));
}

export function commandsFor(actor: Actor, commands: readonly Command[]): Command[] {
  return commands.filter((c) => actionsFor(actor, c).length > 0);
}

export function summaryOf(t: Translator, actor: Actor, found: Command): string {
  const narrow = found.narrowSummary;
  return narrow && !roleMay(actor, narrow.without) ? t(narrow.key) : t(`commands.${found.name}.summary`);
}

/** `help doelen` as an example only to whoever may use `doelen`: else their first other command. */
export function helpExample(actor: Actor, commands: readonly Command[]): string {
  const mine = commandsFor(actor, commands).filter((c) => c.name !== 'help');
  const preferred = mine.find((c) => c.name === 'doelen') ?? mine[0];
  return preferred ? `help ${preferred.name}` : 'help help';
}
