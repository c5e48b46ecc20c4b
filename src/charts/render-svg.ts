/**
 * A vega-lite spec as an SVG string, without a browser: vega's headless View (`renderer: 'none'`)
 * and its string SVG renderer. No DOM and no `canvas` package: vega measures text with the advance
 * widths of the chart font's files instead, the same everywhere (see docs/charts.md).
 *
 * vega is imported when the first chart is drawn, not when this module is: it takes some 300 ms
 * to load, which a command that draws no chart should not pay.
 */
import type { TopLevelSpec } from 'vega-lite';
import { type TextItem, textWidth } from './text-width.ts';

type TextMetrics = { width: (item: TextItem & { limit?: number }, text: unknown) => number };

let measuring = false;

/**
 * Has vega measure text with the chart font's widths (see `text-width.ts`) instead of its guess.
 * A limited text (an axis label with `labelLimit`) counts as at most its limit: its bounds are
 * those of the truncated text, and vega's truncation still sees that it is too long.
 */
function measureWithChartFont(textMetrics: TextMetrics) {
  if (measuring) return;
  textMetrics.width = (item, text) => {
    const width = textWidth(item, text == null ? '' : String(text).trim());
    const limit = Number(item.limit);
    return limit > 0 ? Math.min(width, limit) : width;
  };
  measuring = true;
}

/**
 * Throws on any warning of vega-lite or vega (a field it cannot find, a mark it drops): a chart
 * that draws something else than its data says should not be sent.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [{ compile }, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const { logger, parse, View, Warn } = vega;
  // vega exports textMetrics (from vega-scenegraph) without declaring it.
  measureWithChartFont((vega as unknown as { textMetrics: TextMetrics }).textMetrics);
  const problems: string[] = [];
  const log = logger(Warn, undefined, (_method, level, args) => {
    problems.push(`${level} ${args.map(String).join(' ')}`);
  });
  const { spec: vegaSpec } = compile(spec, { logger: log });
  const view = new View(parse(vegaSpec), { renderer: 'none', logger: log, logLevel: Warn });
  try {
    const svg = await view.toSVG();
    if (problems.length > 0) throw new Error(`chart: ${problems.join('; ')}`);
    return svg;
  } finally {
    view.finalize();
  }
}
