/**
 * Edit distance for forgiving look-ups (a mentor's `sarna` should still find Sarina). Runs over
 * every name on a school's roster for each query, so it reuses its row buffers across calls and
 * only fills the diagonal band that can still stay within the caller's limit.
 */

// Three DP rows (two back for the transposition step); grown on demand, never shrunk.
let rowBeforePrevious = new Int32Array(32);
let previousRow = new Int32Array(32);
let currentRow = new Int32Array(32);

function ensureRowCapacity(size: number): void {
  if (currentRow.length >= size) return;
  const capacity = Math.max(size, currentRow.length * 2);
  rowBeforePrevious = new Int32Array(capacity);
  previousRow = new Int32Array(capacity);
  currentRow = new Int32Array(capacity);
}

/**
 * Optimal string alignment (Damerau-Levenshtein with adjacent transpositions) distance; stops early
 * and returns limit+1 once the distance must exceed `limit`. Compares UTF-16 code units, so callers
 * normalise first. A fractional limit is floored and a negative one counts as 0; without a limit
 * (or with NaN) the exact distance is returned.
 */
export function editDistance(a: string, b: string, limit?: number): number {
  if (a === b) return 0;
  const cap =
    limit === undefined || Number.isNaN(limit) ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(limit));
  // Most roster names differ from the query in length by more than a typo or two.
  if (Math.abs(a.length - b.length) > cap) return cap + 1;

  // Shared ends never change the distance, and names often share them (`visser`/`vissers`).
  let start = 0;
  let endA = a.length;
  let endB = b.length;
  while (start < endA && start < endB && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }

  // Keep the shorter string as the columns so the rows stay small.
  const swap = endB - start > endA - start;
  const long = swap ? b : a;
  const short = swap ? a : b;
  const n = (swap ? endB : endA) - start;
  const m = (swap ? endA : endB) - start;

  // The distance never exceeds the longer length, which also keeps `max + 1` inside an Int32Array.
  const max = Math.min(cap, n);
  const over = max + 1;
  if (m === 0) return n <= max ? n : over;

  ensureRowCapacity(m + 1);
  let older = rowBeforePrevious;
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= m; j++) previous[j] = j <= max ? j : over;

  for (let i = 1; i <= n; i++) {
    // Cells further than `max` from the diagonal are at least `max + 1`, so the band is all we need;
    // the cell just outside it on each side holds `over` so the next row can read it safely.
    const low = i - max > 1 ? i - max : 1;
    const high = i + max < m ? i + max : m;
    current[0] = i <= max ? i : over;
    if (low > 1) current[low - 1] = over;
    let rowMin = current[0] ?? over;

    const charA = long.charCodeAt(start + i - 1);
    const charABefore = i > 1 ? long.charCodeAt(start + i - 2) : -1;
    for (let j = low; j <= high; j++) {
      const charB = short.charCodeAt(start + j - 1);
      const substitution = (previous[j - 1] ?? over) + (charA === charB ? 0 : 1);
      const deletion = (previous[j] ?? over) + 1;
      const insertion = (current[j - 1] ?? over) + 1;
      let best = substitution < deletion ? substitution : deletion;
      if (insertion < best) best = insertion;
      if (j > 1 && charA === short.charCodeAt(start + j - 2) && charABefore === charB) {
        const transposition = (older[j - 2] ?? over) + 1;
        if (transposition < best) best = transposition;
      }
      current[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (high < m) current[high + 1] = over;

    // A whole row above the limit can only grow further (transpositions reach back one more row,
    // but each such cell is itself bounded below by its neighbour in this row).
    if (rowMin > max) return over;

    const recycled = older;
    older = previous;
    previous = current;
    current = recycled;
  }

  const distance = previous[m] ?? over;
  return distance <= max ? distance : over;
}

/**
 * The vocabulary word closest to `word` within maxDistance (default: 2, or 1 for words of ≤4
 * letters), ties broken by vocabulary order; null if none. Case-insensitive. Returns the vocabulary
 * entry as written.
 */
export function closestWord(
  word: string,
  vocabulary: readonly string[],
  maxDistance?: number,
): string | null {
  const needle = word.toLowerCase();
  // Short words have too many one-letter neighbours for a second edit to mean anything.
  const allowed = maxDistance ?? (needle.length <= 4 ? 1 : 2);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of vocabulary) {
    // Only a strictly closer word can replace the current best, which keeps the first of any tie.
    const limit = best === null ? allowed : bestDistance - 1;
    if (limit < 0) break;
    const distance = editDistance(needle, candidate.toLowerCase(), limit);
    if (distance <= limit) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
