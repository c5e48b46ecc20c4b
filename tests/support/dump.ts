import Database from 'better-sqlite3';

/** Every table's schema and rows in rowid order (refused attempts aside): two equal dumps mean equal data. */
export function dumpTables(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("select name, sql from sqlite_master where type = 'table' order by name")
      .all() as { name: string; sql: string }[];
    return tables
      .map(({ name, sql }) => {
        // A refused attempt is written to the audit log on purpose (probing leaves a trace); the
        // dump shows whether the data changed, so those rows are left out. Tests of the trace
        // query them directly.
        const where = name === 'audit_log' ? " where action <> 'refused'" : '';
        const rows = db.prepare(`select * from "${name}"${where} order by rowid`).raw().all();
        return `${sql}\n${rows.map((row) => JSON.stringify(row)).join('\n')}`;
      })
      .join('\n\n');
  } finally {
    db.close();
  }
}

/** Reads with plain SQL, as an administrator would check the data. */
export function query<T = Record<string, unknown>>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Arranges data with plain SQL, where a test needs a situation no command makes. */
export function arrange(file: string, sql: string): void {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}
