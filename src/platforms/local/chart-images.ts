/**
 * The charts of the Replies a playground page shows, as PNG data URLs (the same image Slack and
 * Teams get), drawn before the page is written because drawing is asynchronous and rendering is
 * not. A summary is looked at again and again while its chart stays the same: kept, a few at most.
 */

import type { Chart } from '../../charts/chart.ts';
import { pngDataUrl } from '../../charts/data-url.ts';
import { log, loggableError } from '../../log.ts';
import type { Reply } from '../../reply/reply.ts';

const KEPT = 16;
const drawn = new Map<string, string>();

/** The image source of each chart of these Replies; a chart that fails to draw is left out (its numbers are in the text). */
export async function chartImages(replies: readonly Reply[]): Promise<(chart: Chart) => string | undefined> {
  const byChart = new Map<Chart, string>();
  for (const reply of replies)
    for (const block of reply.blocks) {
      if (block.type !== 'chart') continue;
      const key = JSON.stringify(block.chart);
      let url = drawn.get(key);
      if (url === undefined) {
        try {
          // vega and resvg are most of a chart's memory: loaded with the first chart shown, not at start.
          const { chartPng } = await import('../../charts/chart-png.ts');
          url = pngDataUrl((await chartPng(block.chart, { width: 960, colors: 256 })).bytes);
        } catch (error) {
          log.warn('playground.chartNotShown', { error: loggableError(error) });
          continue;
        }
        drawn.set(key, url);
        if (drawn.size > KEPT) drawn.delete(drawn.keys().next().value ?? '');
      }
      byChart.set(block.chart, url);
    }
  return (chart) => byChart.get(chart);
}
