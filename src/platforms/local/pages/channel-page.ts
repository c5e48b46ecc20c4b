/** A channel's view: the summaries and other messages Koers posted there, oldest first. */
import type { Chart } from '../../../charts/chart.ts';
import type { Formatter } from '../../../i18n/format.ts';
import type { Translator } from '../../../i18n/translate.ts';
import { escapeHtml } from '../../../render/html/markup.ts';
import { PLAYGROUND_PATHS } from '../playground-paths.ts';
import { type Delivered, deliveredList } from './delivered-list.ts';

export type ChannelView = {
  t: Translator;
  format: Formatter;
  channelId: string;
  staff: boolean;
  token: string;
  delivered: readonly Delivered[];
  chartImage: (chart: Chart) => string | undefined;
};

export function channelBody(view: ChannelView): string {
  const { t } = view;
  const messages = deliveredList(view.format, view.delivered, t('playground.channel.empty'), (idPrefix) => ({
    action: PLAYGROUND_PATHS.button,
    submit: PLAYGROUND_PATHS.form,
    hidden: { token: view.token },
    chartImage: view.chartImage,
    idPrefix: `k${idPrefix}`,
  }));
  return `<h1>#${escapeHtml(view.channelId)}</h1>
<p class="about">${escapeHtml(t(view.staff ? 'playground.channel.staff' : 'playground.channel.shared'))} · <a href="${PLAYGROUND_PATHS.home}">${escapeHtml(t('playground.person.choose'))}</a></p>
<section aria-labelledby="kanaal-berichten">
<h2 id="kanaal-berichten">${escapeHtml(t('playground.channel.messages'))}</h2>
${messages}
</section>`;
}
