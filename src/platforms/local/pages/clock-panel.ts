/**
 * The clock in the header: the playground's moment, and in local mode the steps that move it and
 * the reset to the demo school. Each is a form posting to the playground, which returns to `back`.
 */
import type { Translator } from '../../../i18n/translate.ts';
import { escapeHtml, voidElement } from '../../../render/html/markup.ts';
import { clockSteps } from '../playground.ts';
import { PLAYGROUND_PATHS } from '../playground-paths.ts';

export type ClockView = {
  /** The moment, in words, in the page's language. */
  moment: string;
  movable: boolean;
  token: string;
  /** The page to come back to after a step. */
  back: string;
};

export function hiddenFields(fields: Readonly<Record<string, string>>): string {
  return Object.entries(fields)
    .map(([name, value]) => voidElement('input', { type: 'hidden', name, value }))
    .join('');
}

export function clockPanel(t: Translator, clock: ClockView): string {
  const hidden = hiddenFields({ token: clock.token, back: clock.back });
  if (!clock.movable)
    return `<section class="clock" aria-labelledby="klok-titel">
<h2 id="klok-titel">${escapeHtml(t('playground.clock.title'))}</h2>
<p>${escapeHtml(t('playground.clock.real', { moment: clock.moment }))}</p>
<p class="muted">${escapeHtml(t('playground.clock.fixed'))}</p>
</section>`;
  const steps = clockSteps
    .map(
      (step) =>
        `<form method="post" action="${PLAYGROUND_PATHS.clock}">${hidden}<input type="hidden" name="step" value="${step}"><button type="submit">${escapeHtml(t(`playground.clock.step.${step}`))}</button></form>`,
    )
    .join('');
  return `<section class="clock" aria-labelledby="klok-titel">
<h2 id="klok-titel">${escapeHtml(t('playground.clock.title'))}</h2>
<p><span class="moment" data-testid="moment">${escapeHtml(t('playground.clock.simulated', { moment: clock.moment }))}</span></p>
<div class="steps">${steps}
<form method="post" action="${PLAYGROUND_PATHS.reset}">${hidden}<button type="submit" class="danger" aria-describedby="reset-uitleg">${escapeHtml(t('playground.reset.button'))}</button></form>
</div>
<p id="reset-uitleg" class="muted">${escapeHtml(t('playground.reset.help'))}</p>
</section>`;
}
