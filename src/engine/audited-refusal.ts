/**
 * A refusal that leaves a trace: reaching for another team's settings, or a scope that is not
 * the asker's, is written to the audit log as `refused`, as a refused student is.
 */
import type { Params } from '../i18n/translate.ts';
import type { ReplyInput } from '../reply/reply.ts';
import { recordRefusal } from '../store/audit.ts';
import type { CommandContext } from './context.ts';
import { refusal } from './replies.ts';

export async function auditedRefusal(
  context: CommandContext,
  subject: string,
  key: string,
  params?: Params,
): Promise<ReplyInput> {
  if (context.actor.kind === 'staff')
    await recordRefusal(context.store, context.actor, {
      subject,
      channel: context.channel,
      reason: 'denied',
    });
  return refusal(context.t, context.locale, key, params);
}
