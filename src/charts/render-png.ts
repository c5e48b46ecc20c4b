/**
 * An SVG as a PNG, by resvg (a Rust SVG renderer, prebuilt for each platform on npm: no browser,
 * no system libraries). System fonts are off and DejaVu Sans comes from the npm package, so the
 * pixels are the same on every machine.
 */
import { Resvg } from '@resvg/resvg-js';
import { CHART_FONT_FILES } from './chart-font.ts';
import { CHART_FONT_FAMILY } from './chart-style.ts';
import { palettePng } from './palette-png.ts';

export type Png = { bytes: Buffer; width: number; height: number };

export type PngOptions = {
  /** The image's width in pixels; the SVG is scaled to it, the height follows. */
  width: number;
  /**
   * At most this many colours, written as an indexed (palette) PNG: a chart's flat fills and
   * anti-aliased edges fit in far fewer bytes than resvg's RGBA. Without it, resvg's own PNG.
   */
  colors?: number;
};

export function renderPng(svg: string, { width, colors }: PngOptions): Png {
  const image = rasterize(svg, width);
  const bytes =
    colors === undefined ? image.asPng() : palettePng(image.pixels, image.width, image.height, colors);
  return { bytes, width: image.width, height: image.height };
}

/** The SVG drawn at the given width, on white. */
export function rasterize(svg: string, width: number) {
  return chartResvg(svg, width).render();
}

/**
 * resvg set up for a chart: only the chart font, which every family the SVG names falls back to.
 * (`toString()` on it gives the SVG with its text as glyph outlines: what the tests look at.)
 */
export function chartResvg(svg: string, width: number): Resvg {
  return new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width) },
    background: '#ffffff',
    font: {
      loadSystemFonts: false,
      fontFiles: [...CHART_FONT_FILES],
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
    logLevel: 'off',
  });
}
