/**
 * A table or column name written into SQL text, for the few statements that name tables found at
 * run time (every table of the store, each table a copy moves). Double quotes with inner quotes
 * doubled: the same in SQLite and PostgreSQL.
 */
export const quotedIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;
