import { crc32, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChartInput, chart, distributionChart, targetsChart } from '../src/charts/chart.ts';
import { chartPng, pngWithin } from '../src/charts/chart-png.ts';
import { chartRows, wholePercents } from '../src/charts/chart-rows.ts';
import { CHART_FONT_FAMILY } from '../src/charts/chart-style.ts';
import { pngBytesForDataUrl, pngDataUrl } from '../src/charts/data-url.ts';
import { PNG_SIGNATURE, palettePng } from '../src/charts/palette-png.ts';
import { chartResvg, rasterize, renderPng } from '../src/charts/render-png.ts';
import { renderSvg } from '../src/charts/render-svg.ts';
import { textWidth } from '../src/charts/text-width.ts';
import { countTicks, vegaLiteSpec } from '../src/charts/vega-lite-spec.ts';

const wellbeing = distributionChart.parse({
  kind: 'distribution',
  title: 'Welbevinden per groep',
  locale: 'nl',
  categories: [{ label: '1–2 (laag)' }, { label: '3' }, { label: '4–5 (hoog)', color: '#0072b2' }],
  rows: [
    { label: '3H', values: [3, 8, 14] },
    { label: '3V', values: [1, 5, 20] },
    { label: 'Café-groep Zoë', values: [0, 0, 0] },
    { label: '4H', values: [6, 6, 6] },
  ],
} satisfies ChartInput);

const targets = targetsChart.parse({
  kind: 'targets',
  title: 'Ambities',
  locale: 'nl',
  metLabel: 'ambitie gehaald',
  notMetLabel: 'niet gehaald',
  rows: [
    { label: 'Welbevinden', value: 3.8, target: 4, min: 1, max: 5, met: false, text: '3,8 (ambitie 4,0)' },
    { label: 'Respons', value: 0.82, target: 0.8, max: 1, met: true },
    { label: 'Doelen behaald', value: 130, target: 100, max: 100, met: true },
  ],
} satisfies ChartInput);

type Chunk = { type: string; data: Buffer };

/** Reads a PNG as a decoder does: signature, then chunks, each with its CRC checked. */
function pngChunks(png: Buffer): Chunk[] {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  const chunks: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(crc32(data, crc32(type)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks[0]?.type).toBe('IHDR');
  expect(chunks.at(-1)?.type).toBe('IEND');
  return chunks;
}

function pngHeader(png: Buffer) {
  const header = pngChunks(png)[0]?.data ?? Buffer.alloc(13);
  return {
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    depth: header[8],
    colorType: header[9],
  };
}

/** The image data, inflated: one filter byte and a row of pixels per scanline. */
function pngScanlines(png: Buffer): Buffer {
  const idat = Buffer.concat(
    pngChunks(png)
      .filter((chunk) => chunk.type === 'IDAT')
      .map((chunk) => chunk.data),
  );
  return inflateSync(idat);
}

/** Decodes an 8-bit indexed PNG without filters (what palettePng writes) back to RGBA. */
function decodePalettePng(png: Buffer): Buffer {
  const chunks = pngChunks(png);
  const { width, height, depth, colorType } = pngHeader(png);
  expect([depth, colorType]).toEqual([8, 3]);
  const plte = chunks.find((chunk) => chunk.type === 'PLTE')?.data ?? Buffer.alloc(0);
  const alpha = chunks.find((chunk) => chunk.type === 'tRNS')?.data ?? Buffer.alloc(0);
  const lines = pngScanlines(png);
  expect(lines.length).toBe((width + 1) * height);
  const rgba = Buffer.alloc(width * height * 4);
  let bad = 0;
  for (let y = 0; y < height; y++) {
    if (lines[y * (width + 1)] !== 0) bad++;
    for (let x = 0; x < width; x++) {
      const index = lines[y * (width + 1) + 1 + x] ?? 0;
      if (index * 3 + 2 >= plte.length) bad++;
      const at = (y * width + x) * 4;
      rgba[at] = plte[index * 3] ?? 0;
      rgba[at + 1] = plte[index * 3 + 1] ?? 0;
      rgba[at + 2] = plte[index * 3 + 2] ?? 0;
      rgba[at + 3] = alpha[index] ?? 255;
    }
  }
  expect(bad, 'scanlines with a filter, or indices outside the palette').toBe(0);
  return rgba;
}

/** The texts of an SVG as vega writes them: `<text …>content</text>`. */
const svgTexts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('chart description', () => {
  it('wants one value per category in every row, and each label once', () => {
    const input = {
      kind: 'distribution',
      title: 't',
      locale: 'nl',
      categories: [{ label: 'a' }, { label: 'b' }],
      rows: [{ label: 'r', values: [1, 2] }],
    } satisfies ChartInput;
    expect(chart.safeParse(input).success).toBe(true);
    expect(chart.safeParse({ ...input, rows: [{ label: 'r', values: [1] }] }).success).toBe(false);
    expect(chart.safeParse({ ...input, rows: [{ label: 'r', values: [1, -1] }] }).success).toBe(false);
    expect(chart.safeParse({ ...input, categories: [{ label: 'a' }, { label: 'a' }] }).success).toBe(false);
    expect(chart.safeParse({ ...input, categories: [{ label: 'a', color: 'red' }] }).success).toBe(false);
  });
});

describe('chartRows', () => {
  it('gives every input number once, with its share and whole percentages that add up to 100', () => {
    const rows = chartRows(wellbeing);
    expect(rows).toHaveLength(wellbeing.rows.length * wellbeing.categories.length);
    for (const input of wellbeing.rows) {
      const segments = rows.filter((row) => row.row === input.label);
      expect(segments.map((s) => s.count)).toEqual(input.values);
      const total = input.values.reduce((a, b) => a + b, 0);
      expect(segments.map((s) => s.percent).reduce((a, b) => a + b, 0)).toBe(total > 0 ? 100 : 0);
      expect(segments.at(-1)?.end).toBeCloseTo(total > 0 ? 1 : 0, 12);
    }
    expect(rows.filter((row) => row.row === '3H').map((row) => row.percent)).toEqual([12, 32, 56]);
    expect(rows.filter((row) => row.row === '4H').map((row) => row.percent)).toEqual([34, 33, 33]);
  });

  it('stacks counts as they are on a count scale', () => {
    const rows = chartRows({ ...wellbeing, scale: 'count' });
    expect(rows.filter((row) => row.row === '3H').map((row) => [row.start, row.end])).toEqual([
      [0, 3],
      [3, 11],
      [11, 25],
    ]);
  });

  it('rounds to whole percentages that add up to 100 in any row with a total', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 8 }), (values) => {
        const total = values.reduce((a, b) => a + b, 0);
        const percents = wholePercents(values, total);
        expect(percents.reduce((a, b) => a + b, 0)).toBe(total > 0 ? 100 : 0);
        percents.forEach((percent, i) => {
          expect(Math.abs(percent - (total > 0 ? ((values[i] ?? 0) * 100) / total : 0))).toBeLessThan(1);
        });
      }),
    );
  });

  it('places an indicator and its target on its own scale, clamped, with the text beside it', () => {
    expect(
      chartRows(targets).map(({ row, position, targetPosition, text }) => ({
        row,
        position,
        targetPosition,
        text,
      })),
    ).toEqual([
      { row: 'Welbevinden', position: 0.7, targetPosition: 0.75, text: '3,8 (ambitie 4,0)' },
      { row: 'Respons', position: 0.82, targetPosition: 0.8, text: '0,8' },
      { row: 'Doelen behaald', position: 1, targetPosition: 1, text: '130' },
    ]);
  });
});

describe('vegaLiteSpec', () => {
  it('draws the rows of chartRows and nothing else', () => {
    for (const c of [wellbeing, targets]) {
      const spec = vegaLiteSpec(c) as { data: { values: Record<string, unknown>[] } };
      const rows = chartRows(c) as Record<string, unknown>[];
      expect(spec.data.values).toHaveLength(rows.length);
      spec.data.values.forEach((value, i) => {
        expect(value).toMatchObject(rows[i] ?? {});
      });
    }
  });

  it('names only the chart font', () => {
    expect(JSON.stringify(vegaLiteSpec(wellbeing))).toContain(`"font":"${CHART_FONT_FAMILY}"`);
  });
});

describe('countTicks', () => {
  it('runs from 0 past the largest total in 1, 2 or 5 × 10ⁿ steps, at most 6 ticks', () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(countTicks(26)).toEqual([0, 10, 20, 30]);
    expect(countTicks(240)).toEqual([0, 50, 100, 150, 200, 250]);
    fc.assert(
      fc.property(fc.nat(100_000), (largest) => {
        const ticks = countTicks(largest);
        expect(ticks.length).toBeLessThanOrEqual(6);
        expect(ticks.at(-1)).toBeGreaterThanOrEqual(largest);
      }),
    );
  });
});

describe('textWidth', () => {
  it('measures text as resvg draws it, a bold title too', () => {
    for (const [text, weight] of [
      ['Café-groep Zoë', 'normal'],
      ['Welbevinden per groep, week 48', 'bold'],
    ] as const) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="30"><text x="0" y="20" font-family="${CHART_FONT_FAMILY}" font-weight="${weight}" font-size="11px">${text}</text></svg>`;
      const drawn = chartResvg(svg, 400).getBBox();
      expect(
        Math.abs(
          textWidth({ fontSize: 11, fontWeight: weight }, text) - ((drawn?.x ?? 0) + (drawn?.width ?? 0)),
        ),
      ).toBeLessThan(2);
    }
  });
});

describe('renderSvg', () => {
  it('writes the percentages of chartRows on the bars, and every label, accents and all', async () => {
    const texts = svgTexts(await renderSvg(vegaLiteSpec(wellbeing)));
    const onBars = chartRows(wellbeing)
      .filter((row) => row.end - row.start >= 0.09)
      .map((row) => `${row.percent}%`);
    expect(onBars.length).toBeGreaterThan(0);
    for (const number of onBars) expect(texts).toContain(number);
    for (const label of [
      wellbeing.title,
      ...wellbeing.rows.map((row) => row.label),
      ...wellbeing.categories.map((c) => c.label),
    ])
      expect(texts).toContain(label);
  });

  it('draws an empty chart and a row without answers without failing, and keeps that row', async () => {
    const empty = await renderSvg(vegaLiteSpec({ ...wellbeing, rows: [] }));
    expect(svgTexts(empty)).toContain(wellbeing.title);
    const zero = await renderSvg(
      vegaLiteSpec({ ...wellbeing, rows: [{ label: '5A', values: [0, 0, 0] }], scale: 'count' }),
    );
    expect(svgTexts(zero)).toContain('5A');
    const noTargets = await renderSvg(vegaLiteSpec({ ...targets, rows: [] }));
    expect(svgTexts(noTargets)).toContain(targets.title);
    expect(pngHeader(renderPng(empty, { width: 480, colors: 256 }).bytes).width).toBe(480);
  });

  it('writes the text beside each indicator', async () => {
    const texts = svgTexts(await renderSvg(vegaLiteSpec(targets)));
    for (const row of chartRows(targets)) expect(texts).toContain(row.text);
    expect(texts).toEqual(expect.arrayContaining([targets.metLabel, targets.notMetLabel]));
  });
});

describe('renderPng', () => {
  it('gives a real PNG of the asked width, RGBA or indexed, the same bytes every time', async () => {
    const svg = await renderSvg(vegaLiteSpec(wellbeing));
    const rgba = renderPng(svg, { width: 640 });
    expect(pngHeader(rgba.bytes)).toMatchObject({ width: 640, height: rgba.height, depth: 8, colorType: 6 });
    expect(rgba.height).toBeGreaterThan(100);
    expect(pngScanlines(rgba.bytes).length).toBe((640 * 4 + 1) * rgba.height);

    const indexed = renderPng(svg, { width: 640, colors: 256 });
    expect(pngHeader(indexed.bytes)).toMatchObject({ width: 640, height: rgba.height, colorType: 3 });
    expect(indexed.bytes.length).toBeLessThan(rgba.bytes.length);

    const again = await chartPng(wellbeing, { width: 640, colors: 256 });
    expect(again.bytes.equals(indexed.bytes)).toBe(true);
    expect(renderPng(svg, { width: 640 }).bytes.equals(rgba.bytes)).toBe(true);
  });

  it('loses nothing with 256 colours when the chart has fewer', async () => {
    const svg = await renderSvg(vegaLiteSpec(targets));
    const image = rasterize(svg, 480);
    const pixels = image.pixels;
    const png = palettePng(pixels, image.width, image.height, 256);
    expect(decodePalettePng(png).equals(pixels)).toBe(true);
  });

  it('draws every character of every label from the font, not as a missing glyph', () => {
    // The glyph outlines resvg draws for one character, set up as for a chart.
    const outline = (text: string) =>
      chartResvg(
        `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30"><text x="4" y="22" font-family="${CHART_FONT_FAMILY}" font-size="16">${text}</text></svg>`,
        60,
      ).toString();
    const missing = outline('\u{10fffd}');
    expect(missing).toContain('<path');
    const labels = [wellbeing, targets].flatMap((c) => [
      c.title,
      ...c.rows.map((row) => row.label),
      ...(c.kind === 'distribution' ? c.categories.map((x) => x.label) : [c.metLabel, c.notMetLabel]),
      ...chartRows(targets).map((row) => row.text),
    ]);
    const characters = [...new Set([...labels.join(''), '%', ...'0123456789'])].filter((ch) => ch.trim());
    for (const character of characters) {
      const drawn = outline(character);
      expect(drawn, character).toContain('<path');
      expect(drawn, character).not.toBe(missing);
    }
    // An accent is drawn: ë is e with something above it.
    expect(outline('ë')).not.toBe(outline('e'));
    expect(outline('é')).not.toBe(outline('ë'));
  });

  it('draws no text at all without the font (system fonts are off)', async () => {
    const { Resvg } = await import('@resvg/resvg-js');
    const svg = await renderSvg(vegaLiteSpec(wellbeing));
    const withFont = chartResvg(svg, 480).toString();
    const without = new Resvg(svg, { font: { loadSystemFonts: false } }).toString();
    expect(withFont.length).toBeGreaterThan(without.length * 2);
  });
});

describe('pngWithin', () => {
  it('gives the largest image that fits, smaller ones for a smaller budget, and nothing when none fits', async () => {
    const largest = await pngWithin(wellbeing, 28_000);
    expect(largest?.width).toBe(960);
    expect(pngHeader(largest?.bytes ?? Buffer.alloc(0)).width).toBe(960);
    const small = await pngWithin(wellbeing, 4_000);
    expect(small?.bytes.length).toBeLessThanOrEqual(4_000);
    expect(small?.width).toBeLessThan(960);
    expect(await pngWithin(wellbeing, 500, [360])).toBeUndefined();
  });

  it('fits in a Teams card as a data URL', async () => {
    const png = await pngWithin(wellbeing, pngBytesForDataUrl(20_000));
    const url = pngDataUrl(png?.bytes ?? Buffer.alloc(0));
    expect(url.length).toBeLessThanOrEqual(20_000);
    expect(url.startsWith('data:image/png;base64,iVBORw0KGgo')).toBe(true);
    expect(Buffer.from(url.split(',')[1] ?? '', 'base64').equals(png?.bytes ?? Buffer.alloc(1))).toBe(true);
  });
});
