/**
 * How every chart looks: one font (DejaVu Sans, which the PNG renderer loads from the npm package,
 * see `chart-font.ts`), white background, no chart border, and a number format per language.
 */
import type { Config } from 'vega-lite';
import type { Locale } from '../domain/enums.ts';

/** The only family the SVG names, and the only one the PNG renderer knows. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

/** The width the spec is laid out at, in SVG pixels; the PNG may be scaled from it. */
export const CHART_WIDTH = 480;
/** The height of one bar's band. */
export const ROW_STEP = 28;

/**
 * Colours for categories the caller gave none: distinct, readable with the common colour-vision
 * deficiencies (Okabe–Ito), and none of them red: a summary reports, it does not alarm.
 */
export const CATEGORY_COLORS = [
  '#e69f00',
  '#bfbfbf',
  '#0072b2',
  '#56b4e9',
  '#009e73',
  '#cc79a7',
  '#f0e442',
  '#6b6b6b',
] as const;

/** A target met and not met. */
export const MET_COLOR = '#009e73';
export const NOT_MET_COLOR = '#e69f00';
export const TRACK_COLOR = '#ececec';
export const INK = '#222222';

/** Black or white, whichever reads better on the given `#rrggbb` fill (WCAG relative luminance). */
export function inkOn(fill: string): '#000000' | '#ffffff' {
  const channel = (offset: number) => {
    const value = Number.parseInt(fill.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast with black (L + 0.05) / 0.05 against white 1.05 / (L + 0.05); equal at L ≈ 0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

const numberLocales: Record<Locale, NonNullable<Config['locale']>['number']> = {
  nl: { decimal: ',', thousands: '.', grouping: [3], currency: ['€\u00a0', ''] },
  en: { decimal: '.', thousands: ',', grouping: [3], currency: ['€', ''] },
};

/** The vega-lite config every chart shares. */
export function chartConfig(locale: Locale): Config {
  return {
    font: CHART_FONT_FAMILY,
    // No ARIA attributes: the image goes out as a PNG, and the text version is its accessible form.
    aria: false,
    background: '#ffffff',
    padding: 8,
    locale: { number: numberLocales[locale] },
    view: { stroke: null },
    title: { anchor: 'start', fontSize: 14, fontWeight: 'bold', color: INK, offset: 10 },
    axis: {
      labelFontSize: 11,
      labelColor: INK,
      domain: false,
      ticks: false,
      grid: false,
      labelPadding: 6,
    },
    legend: {
      orient: 'bottom',
      direction: 'horizontal',
      labelFontSize: 11,
      labelColor: INK,
      symbolType: 'square',
      symbolSize: 120,
      title: null,
    },
    text: { fontSize: 11 },
  };
}
