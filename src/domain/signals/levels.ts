/**
 * Which *onderwijssoort* is higher than another, for "a subject taken above the student's own
 * level". vmbo-gl and vmbo-tl share a rank: their general subjects are examined at the same
 * level (they are merging into vmbo-gt), so a gl student taking Dutch at tl is not "above".
 */
import type { Onderwijssoort } from '../enums.ts';

const rank: Record<Onderwijssoort, number> = {
  po: 0,
  'vmbo-b': 1,
  'vmbo-k': 2,
  'vmbo-gl': 3,
  'vmbo-tl': 3,
  havo: 4,
  vwo: 5,
};

export function isAboveLevel(level: Onderwijssoort, own: Onderwijssoort): boolean {
  return rank[level] > rank[own];
}
