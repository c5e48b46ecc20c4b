/** The messages Koers delivered to a person or a channel, oldest first, each with its day. */
import type { Formatter } from '../../../i18n/format.ts';
import { escapeHtml } from '../../../render/html/markup.ts';
import { type HtmlTargets, renderHtml } from '../../../render/html.ts';
import type { Reply } from '../../../reply/reply.ts';

export type Delivered = { reply: Reply; deliveredAt: string };

export function deliveredList(
  format: Formatter,
  delivered: readonly Delivered[],
  empty: string,
  targets: (idPrefix: string) => HtmlTargets,
): string {
  if (delivered.length === 0) return `<p class="muted">${escapeHtml(empty)}</p>`;
  return `<ol class="messages">${delivered
    .map(
      (message, i) =>
        `<li><p class="when">${escapeHtml(format.day(message.deliveredAt))}</p>${renderHtml(message.reply, targets(`m${i}`))}</li>`,
    )
    .join('')}</ol>`;
}
