/**
 * *Doelen behaald*: of the goals whose target date lies in the period (stopped ones left out), the
 * share achieved by the period's end.
 */
import type { Indicator } from './indicator.ts';
import { shareOf } from './privacy.ts';

export const doelenBehaald: Indicator<'doelen-behaald'> = {
  name: 'doelen-behaald',
  measure: ({ facts }) => ({ value: shareOf(facts.goalsDueAchieved, facts.goalsDue), count: facts.goalsDue }),
};
