/**
 * A person's home view (Slack's App Home, and any platform's equivalent): a student's goals and
 * next weekly reflection; a mentor's or care coordinator's students, open signals first; what
 * others can do. Composed from the commands, so permissions and audit are theirs.
 */
import type { Command } from '../engine/command.ts';
import { type CommandRequest, route } from '../engine/router.ts';
import type { Reply } from '../reply/reply.ts';

export async function homeView(
  commands: readonly Command[],
  request: Omit<CommandRequest, 'text'>,
): Promise<Reply> {
  const { actor } = request;
  const lines =
    actor.kind === 'student'
      ? ['doelen', 'instellingen']
      : actor.roles.some((role) => role === 'mentor' || role === 'zorgcoordinator')
        ? ['mijn', 'help']
        : ['help'];
  const replies = [];
  for (const text of lines) replies.push(await route(commands, { ...request, text }));
  return {
    outcome: 'ok',
    visibility: 'ephemeral',
    locale: replies[0]?.locale ?? 'nl',
    blocks: replies.flatMap((reply, i) => [
      ...(i > 0 ? [{ type: 'divider' as const }] : []),
      ...reply.blocks,
    ]),
  };
}
