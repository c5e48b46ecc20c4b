/**
 * Values of hand-written queries as the two drivers give them, read one way (`store.ts`): SQLite
 * has no boolean and no JSON type; PostgreSQL returns both typed.
 */

/** A boolean column or expression: SQLite's 1/0, PostgreSQL's true/false. */
export function rawBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

/** A JSON column: text from SQLite, already parsed from PostgreSQL. */
export function rawJson<T = unknown>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
