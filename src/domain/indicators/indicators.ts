/**
 * Every outcome indicator a team may choose (`indicators` in src/domain/enums.ts), one file each.
 * Adding one: its code in `indicators` (a migration for the CHECK), a file here, an entry below,
 * and its locale entries. The type makes a code without an indicator a compile error.
 */
import { indicators as indicatorNames } from '../enums.ts';
import { doelenBehaald } from './doelen-behaald.ts';
import { evaluatiesOpTijd } from './evaluaties-op-tijd.ts';
import { gripHoog } from './grip-hoog.ts';
import type { Indicator, IndicatorName } from './indicator.ts';
import { motivatieHoog } from './motivatie-hoog.ts';
import { responspercentage } from './responspercentage.ts';
import { uitdagingPreciesGoed } from './uitdaging-precies-goed.ts';
import { welbevindenHoog } from './welbevinden-hoog.ts';

export const indicatorRegistry: { readonly [K in IndicatorName]: Indicator<K> } = {
  'welbevinden-hoog': welbevindenHoog,
  'motivatie-hoog': motivatieHoog,
  'grip-hoog': gripHoog,
  'uitdaging-precies-goed': uitdagingPreciesGoed,
  responspercentage,
  'doelen-behaald': doelenBehaald,
  'evaluaties-op-tijd': evaluatiesOpTijd,
};

export const allIndicators: readonly IndicatorName[] = indicatorNames;
