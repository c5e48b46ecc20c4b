/**
 * The privacy rule of a summary (PRODUCT.md 2.3): fewer than `MIN_RESPONSES` answers (students,
 * prompts, goals, arrangements: whatever a share is taken of) show the count only, never a share
 * or a distribution, so that a small group's figure cannot be traced to one student. It is also the
 * point below which a share says too little to act on.
 */
export const MIN_RESPONSES = 5;

export function enoughToShow(count: number): boolean {
  return count >= MIN_RESPONSES;
}

/** `part / count` when the count may be shown; undefined otherwise (too few, or nothing at all). */
export function shareOf(part: number, count: number): number | undefined {
  return enoughToShow(count) ? part / count : undefined;
}
