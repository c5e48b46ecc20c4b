/** What a Dutch secondary school teaches at each level, as far as the seeded students need it. */
import type { Onderwijssoort, Subject } from '../domain/enums.ts';

export const CORE_SUBJECTS: Record<Onderwijssoort, Subject[]> = {
  po: [],
  'vmbo-b': ['nederlands', 'engels', 'wiskunde', 'nask', 'economie', 'lichamelijke-opvoeding'],
  'vmbo-k': ['nederlands', 'engels', 'wiskunde', 'nask', 'economie', 'lichamelijke-opvoeding'],
  'vmbo-gl': ['nederlands', 'engels', 'wiskunde', 'nask', 'biologie', 'economie', 'lichamelijke-opvoeding'],
  'vmbo-tl': [
    'nederlands',
    'engels',
    'wiskunde',
    'nask',
    'biologie',
    'economie',
    'geschiedenis',
    'lichamelijke-opvoeding',
  ],
  havo: [
    'nederlands',
    'engels',
    'frans',
    'wiskunde',
    'geschiedenis',
    'aardrijkskunde',
    'biologie',
    'economie',
    'lichamelijke-opvoeding',
  ],
  vwo: [
    'nederlands',
    'engels',
    'frans',
    'wiskunde-b',
    'natuurkunde',
    'scheikunde',
    'biologie',
    'geschiedenis',
    'lichamelijke-opvoeding',
  ],
};

/** The leerjaar in which each stream sits its final exams. */
export const EXAM_YEAR: Record<Onderwijssoort, number> = {
  po: 8,
  'vmbo-b': 4,
  'vmbo-k': 4,
  'vmbo-gl': 4,
  'vmbo-tl': 4,
  havo: 5,
  vwo: 6,
};

/** Subjects graded with a word rather than a number. */
export const WORD_GRADED: ReadonlySet<Subject> = new Set(['lichamelijke-opvoeding', 'kunst']);
