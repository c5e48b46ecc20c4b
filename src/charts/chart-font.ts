/**
 * The font files the PNG renderer loads, from the `dejavu-fonts-ttf` npm package: with system fonts
 * off, text looks the same on every machine, whatever fonts it has (or lacks, as a container does).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** DejaVu Sans, regular for labels and bold for the title. */
export const CHART_FONT_FILES: readonly string[] = [
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
];
