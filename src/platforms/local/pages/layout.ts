/**
 * The frame of every playground page: language, title, a skip link, the header with the clock,
 * and the main region. Server-rendered with no script: every control is a native link, button or
 * form, so it works with the keyboard and with a screen reader as the browser made it.
 */
import type { Translator } from '../../../i18n/translate.ts';
import { escapeHtml } from '../../../render/html/markup.ts';
import { PLAYGROUND_PATHS } from '../playground-paths.ts';
import type { ClockView } from './clock-panel.ts';
import { clockPanel } from './clock-panel.ts';

export type PageFrame = {
  t: Translator;
  lang: string;
  /** The page's own title, before the product's name. */
  title: string;
  clock: ClockView;
  body: string;
};

export function pageHtml(frame: PageFrame): string {
  const { t } = frame;
  const title = `${frame.title} · ${t('playground.title')}`;
  return `<!doctype html>
<html lang="${escapeHtml(frame.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${PLAYGROUND_PATHS.styles}">
</head>
<body>
<a class="skip" href="#inhoud">${escapeHtml(t('playground.skip'))}</a>
<header class="site">
<p class="brand"><a href="${PLAYGROUND_PATHS.home}">${escapeHtml(t('playground.title'))}</a></p>
${clockPanel(t, frame.clock)}
</header>
<main id="inhoud" tabindex="-1">
${frame.body}
</main>
</body>
</html>`;
}
