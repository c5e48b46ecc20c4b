/** *Motivatie hoog*: the share of students whose latest *motivatie* in the period is 4–5. */
import { scoreHigh } from './score-high.ts';

export const motivatieHoog = scoreHigh('motivatie-hoog', (facts) => facts.motivatie);
