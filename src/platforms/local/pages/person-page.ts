/**
 * A person's view: the command box with their help, their conversation with Koers (what they typed
 * and the answers), the messages Koers sent them (prompts, reminders, talk requests, digests), and
 * a form when one is open (the reflection, any modal), with its errors.
 */
import type { Chart } from '../../../charts/chart.ts';
import type { Form } from '../../../engine/turn.ts';
import type { Formatter } from '../../../i18n/format.ts';
import type { Translator } from '../../../i18n/translate.ts';
import { escapeHtml } from '../../../render/html/markup.ts';
import { renderHtml } from '../../../render/html.ts';
import type { Reply } from '../../../reply/reply.ts';
import type { LocalPerson } from '../../../store/local-people.ts';
import type { Exchange } from '../playground.ts';
import { PLAYGROUND_PATHS } from '../playground-paths.ts';
import { hiddenFields } from './clock-panel.ts';
import { type Delivered, deliveredList } from './delivered-list.ts';
import { personAbout } from './person-about.ts';

export type PersonView = {
  t: Translator;
  format: Formatter;
  person: LocalPerson;
  token: string;
  help: Reply;
  conversation: readonly Exchange[];
  delivered: readonly Delivered[];
  /** An open form: the Reply it came in (with the form), and the errors no input owns. */
  open?: { reply: Reply; form: Form; general: readonly string[] };
  chartImage: (chart: Chart) => string | undefined;
};

export function personBody(view: PersonView): string {
  const { t, person } = view;
  const targets = (idPrefix: string) => ({
    action: PLAYGROUND_PATHS.button,
    submit: PLAYGROUND_PATHS.form,
    hidden: { token: view.token, als: person.userId },
    chartImage: view.chartImage,
    idPrefix,
  });
  const about = personAbout(t, person);
  const open = view.open
    ? `<section class="open-form" aria-label="${escapeHtml(view.open.form.title)}">
${view.open.general.map((text) => `<p class="error" role="alert">${escapeHtml(text)}</p>`).join('')}
${renderHtml(view.open.reply, targets('f'))}
<p><a href="${escapeHtml(`${PLAYGROUND_PATHS.person}?als=${encodeURIComponent(person.userId)}`)}">${escapeHtml(t('playground.person.cancel'))}</a></p>
</section>`
    : '';
  const conversation =
    view.conversation.length === 0
      ? `<p class="muted">${escapeHtml(t('playground.person.conversationEmpty'))}</p>`
      : `<ol class="exchanges">${view.conversation
          .map(
            (exchange, i) =>
              `<li${i === view.conversation.length - 1 ? ' id="laatste"' : ''}><p class="said"><span class="who">${escapeHtml(t('playground.person.you'))}</span> ${escapeHtml(exchange.said)}</p>${renderHtml(exchange.reply, targets(`c${i}`))}</li>`,
          )
          .join('')}</ol>`;
  const delivered = deliveredList(view.format, view.delivered, t('playground.person.inboxEmpty'), targets);
  return `<h1>${escapeHtml(person.name)}</h1>
<p class="about">${escapeHtml(about)} · <a href="${PLAYGROUND_PATHS.home}">${escapeHtml(t('playground.person.choose'))}</a></p>
${open}
<section class="ask" aria-labelledby="opdracht-titel">
<h2 id="opdracht-titel">${escapeHtml(t('playground.person.askTitle'))}</h2>
<form method="post" action="${PLAYGROUND_PATHS.command}" class="command">
${hiddenFields({ token: view.token, als: person.userId })}
<label for="opdracht">${escapeHtml(t('playground.person.commandLabel'))}</label>
<div class="command-row"><input id="opdracht" name="tekst" type="text" autocomplete="off" required aria-describedby="opdracht-hint"${view.open ? '' : ' autofocus'}>
<button type="submit" class="primary">${escapeHtml(t('playground.person.send'))}</button></div>
<p id="opdracht-hint" class="muted">${escapeHtml(t(person.kind === 'staff' ? 'playground.person.hintStaff' : 'playground.person.hintStudent'))}</p>
</form>
<details class="help"><summary>${escapeHtml(t('playground.person.help'))}</summary>${renderHtml(view.help, targets('h'))}</details>
</section>
<div class="columns">
<section aria-labelledby="gesprek-titel">
<h2 id="gesprek-titel">${escapeHtml(t('playground.person.conversation'))}</h2>
${conversation}
</section>
<section aria-labelledby="berichten-titel">
<h2 id="berichten-titel">${escapeHtml(t('playground.person.inbox'))}</h2>
${delivered}
</section>
</div>`;
}
