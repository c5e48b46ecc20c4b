/** `help [commando]`: what this person may do here, and how. */
import { z } from 'zod';
import { closestWord } from '../src/domain/edit-distance.ts';
import { normalizeName } from '../src/domain/name-match.ts';
import { action, type Command, command } from '../src/engine/command.ts';
import type { CommandContext } from '../src/engine/context.ts';
import { actionsFor, commandsFor, helpExample, summaryOf } from '../src/engine/offers.ts';
import { refusal } from '../src/engine/replies.ts';
import type { BlockInput } from '../src/reply/reply.ts';

function overview(context: CommandContext) {
  const { t, locale, commands } = context;
  const mine = commandsFor(context.actor, commands);
  return {
    locale,
    blocks: [
      { type: 'header' as const, text: t('help.title') },
      { type: 'text' as const, text: t('help.intro', { name: context.actor.name }) },
      {
        type: 'list' as const,
        items: mine.map((c) => ({
          text: `${c.name} (${c.aliases.join(', ')})`,
          detail: summaryOf(t, context.actor, c),
        })),
      },
      {
        type: 'text' as const,
        tone: 'muted' as const,
        text: t('help.more', { example: helpExample(context.actor, commands) }),
      },
    ],
  };
}

function detail(context: CommandContext, found: Command) {
  const { t, locale } = context;
  const actions = actionsFor(context.actor, found);
  if (actions.length === 0) return refusal(t, locale, 'access.commandNotForYou', { command: found.name });
  const blocks: BlockInput[] = [
    { type: 'header', text: `${found.name} (${found.aliases.join(', ')})` },
    { type: 'text', text: summaryOf(t, context.actor, found) },
    ...actions.flatMap((a): BlockInput[] => [
      { type: 'text', text: t(`commands.${found.name}.${a.name}.usage`) },
      {
        type: 'text',
        tone: 'muted',
        text: t('router.example', {
          // `help help` shows help about a command this person has, not always `help doelen`.
          example:
            found.name === 'help'
              ? helpExample(context.actor, context.commands)
              : t(`commands.${found.name}.${a.name}.example`),
        }),
      },
    ]),
  ];
  return { locale, blocks };
}

export default command({
  name: 'help',
  aliases: ['hulp'],
  actions: [
    action({
      name: 'main',
      who: ['leerling', 'mentor', 'docent', 'zorgcoordinator', 'teamleider', 'beheerder'],
      positionals: [{ key: 'commando' }],
      args: z.object({ commando: z.string().optional() }),
      run: (context, { commando }) => {
        if (commando === undefined) return overview(context);
        const wanted = normalizeName(commando);
        const found = context.commands.find((c) => c.name === wanted || c.aliases.includes(wanted));
        if (found) return detail(context, found);
        const words = commandsFor(context.actor, context.commands).flatMap((c) => [c.name, ...c.aliases]);
        const closest = closestWord(wanted, words);
        const general = overview(context);
        const notice = context.t('help.unknown', { word: commando });
        const hint = closest ? ` ${context.t('router.didYouMean', { suggestion: `help ${closest}` })}` : '';
        return { ...general, blocks: [{ type: 'text' as const, text: notice + hint }, ...general.blocks] };
      },
    }),
  ],
});
