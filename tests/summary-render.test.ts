/**
 * The chart block of a summary on each surface: an image only where the caller gives one (a Teams
 * card with a data URL); the text, Slack's blocks and a card without an image leave it out, since
 * its numbers are in the text blocks beside it.
 */
import { describe, expect, it } from 'vitest';
import { pngWithin } from '../src/charts/chart-png.ts';
import { pngDataUrl } from '../src/charts/data-url.ts';
import { renderCards } from '../src/render/adaptive-card.ts';
import { renderMessages } from '../src/render/block-kit.ts';
import { renderText } from '../src/render/text.ts';
import { type Reply, reply as replySchema } from '../src/reply/reply.ts';
import { askAs } from './support/demo.ts';
import { sweptDemo } from './support/signals.ts';

const targets = replySchema.parse({
  locale: 'nl',
  blocks: [
    { type: 'text', text: 'welbevinden 4–5: 88% (ambitie 75%)' },
    {
      type: 'chart',
      chart: {
        kind: 'targets',
        title: 'Ambities: team Bovenbouw',
        locale: 'nl',
        metLabel: 'ambitie gehaald',
        notMetLabel: 'niet gehaald',
        rows: [
          { label: 'welbevinden 4–5', value: 88, target: 75, max: 100, met: true, text: '88% (ambitie 75%)' },
        ],
      },
    },
  ],
});

const images = (r: Reply) =>
  renderCards(r, { images: new Map([[1, 'data:image/png;base64,AAAA']]) }).flatMap((card) =>
    (card.body as { type: string }[]).filter((element) => element.type === 'Image'),
  );

describe('the chart block', () => {
  it('is an Image with the chart title as its alt text in a Teams card given its data URL', () => {
    expect(images(targets)).toEqual([
      {
        type: 'Image',
        url: 'data:image/png;base64,AAAA',
        altText: 'Ambities: team Bovenbouw',
        size: 'Stretch',
      },
    ]);
  });

  it('is left out of a card without an image, of Slack blocks and of the text', () => {
    const cards = renderCards(targets);
    expect(JSON.stringify(cards)).not.toContain('Image');
    expect(JSON.stringify(cards)).not.toContain('Ambities');
    expect(JSON.stringify(renderMessages(targets))).not.toContain('Ambities');
    expect(renderText(targets)).toBe('welbevinden 4–5: 88% (ambitie 75%)');
  });

  it('fits a Teams card as a PNG data URL for the demo summary', async () => {
    const { store } = await sweptDemo();
    const summary = await askAs(store, 't.smit@koersmeer.example', 'samenvatting');
    const index = summary.blocks.findIndex((b) => b.type === 'chart');
    const block = summary.blocks[index];
    if (block?.type !== 'chart') throw new Error('a chart block');
    const png = await pngWithin(block.chart, 15_000);
    expect(png).toBeDefined();
    if (!png) return;
    // Slack draws the same reply without the chart, within its limits.
    expect(JSON.stringify(renderMessages(summary))).toContain('Groep 4V');
    const cards = renderCards(summary, { images: new Map([[index, pngDataUrl(png.bytes)]]) });
    const shown = cards.flatMap((card) =>
      (card.body as { type: string; altText?: string }[]).filter((e) => e.type === 'Image'),
    );
    expect(shown.map((e) => e.altText)).toEqual(['Ambities: team Bovenbouw']);
  }, 30_000);
});
