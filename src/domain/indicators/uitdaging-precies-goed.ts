/** *Uitdaging precies goed*: the share of students whose latest *uitdaging* in the period is *precies goed*. */
import type { Indicator } from './indicator.ts';
import { shareOf } from './privacy.ts';

export const uitdagingPreciesGoed: Indicator<'uitdaging-precies-goed'> = {
  name: 'uitdaging-precies-goed',
  measure: ({ facts }) => {
    const c = facts.uitdaging;
    const count = c['te-makkelijk'] + c['precies-goed'] + c['te-moeilijk'];
    return { value: shareOf(c['precies-goed'], count), count };
  },
};
