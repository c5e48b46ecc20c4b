/**
 * *Grip hoog*: the share of students whose latest *grip* in the period is 4–5. *Grip* is the
 * reflection's "how well did planning your work go?" (PRODUCT.md 2.2): self-direction.
 */
import { scoreHigh } from './score-high.ts';

export const gripHoog = scoreHigh('grip-hoog', (facts) => facts.grip);
