/**
 * A chart description as a PNG, from the spec through the SVG: `chartPng` at a width, and
 * `pngWithin` for a platform that limits the message size (Teams: about 28 KB for a whole card,
 * an image inline as a data URL), which returns nothing when even the smallest image is too large,
 * so that the caller sends the text version alone.
 */
import type { Chart } from './chart.ts';
import { type Png, type PngOptions, renderPng } from './render-png.ts';
import { renderSvg } from './render-svg.ts';
import { vegaLiteSpec } from './vega-lite-spec.ts';

/**
 * The widths offered, largest first: twice the layout width (sharp on a high-density screen),
 * then down to where the 11 px labels are still legible (8 px at 360).
 */
export const CHART_WIDTHS = [960, 720, 480, 360] as const;

/**
 * The palettes `pngWithin` tries at each width: 256 colours (lossless for a typical chart, which
 * has some 130), then 16 (4 bits a pixel; only the anti-aliasing of the text gets coarser).
 */
export const CHART_COLORS = [256, 16] as const;

export async function chartPng(chart: Chart, options: PngOptions): Promise<Png> {
  return renderPng(await renderSvg(vegaLiteSpec(chart)), options);
}

/**
 * The largest image of the chart in at most `maxBytes` PNG bytes: each width of `widths` (largest
 * first) with each palette of `CHART_COLORS`; undefined when none fits.
 */
export async function pngWithin(
  chart: Chart,
  maxBytes: number,
  widths: readonly number[] = CHART_WIDTHS,
): Promise<Png | undefined> {
  const svg = await renderSvg(vegaLiteSpec(chart));
  for (const width of [...widths].sort((a, b) => b - a)) {
    for (const colors of CHART_COLORS) {
      const png = renderPng(svg, { width, colors });
      if (png.bytes.length <= maxBytes) return png;
    }
  }
  return undefined;
}
