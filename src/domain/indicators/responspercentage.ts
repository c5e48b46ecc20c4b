/**
 * *Responspercentage*: of the prompts that reached a student in the period's weeks, the share
 * answered with a reflection for that week. Weeks without a prompt (holiday, pause, no account,
 * a message that went dead) count neither way, as for the signal *reflecties gemist*.
 */
import type { Indicator } from './indicator.ts';
import { shareOf } from './privacy.ts';

export const responspercentage: Indicator<'responspercentage'> = {
  name: 'responspercentage',
  measure: ({ facts }) => ({ value: shareOf(facts.answered, facts.prompted), count: facts.prompted }),
};
