/** `koers import holidays <file.csv>`: a school's holiday calendar, all lines or none. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { koers } from './support/cli.ts';
import { freshDemoEnv, freshDemoEnvAndStore } from './support/demo.ts';
import { dumpStore, rows } from './support/store-sql.ts';
import { tempDir } from './support/temp.ts';

function csv(text: string): string {
  const path = join(tempDir(), 'vakanties.csv');
  writeFileSync(path, text);
  return path;
}

describe('koers import holidays', () => {
  it('reads a Dutch spreadsheet export (semicolons, dd-mm-yyyy) and no prompt goes out in it', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    const path = csv('\uFEFFnaam;start;eind\r\n"Studiedag; extra";26-11-2026;27-11-2026\r\n');
    const result = await koers(['import', 'holidays', path], env);
    expect(result).toMatchObject({
      code: 0,
      out: 'Vakantierooster van Koersmeer College: 1 vakanties ingelezen; 0 eerdere in dezelfde periode vervangen.',
    });
    expect(
      await rows(
        store,
        "select name, start_date, end_date from school_holidays where name like 'Studiedag%'",
      ),
    ).toEqual([{ name: 'Studiedag; extra', start_date: '2026-11-26', end_date: '2026-11-27' }]);
    const run = await koers(['jobs', 'run', 'weekly-prompts', '--now', '2026-11-27T13:00+01:00'], env);
    expect(run.out).toContain('queued: 0');
    expect(run.out).toContain('holiday: 75');
  });

  it('a corrected file replaces what it covers: a wrong start date leaves no stale holiday', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    await koers(['import', 'holidays', csv('name,start,end\nExtra,2027-03-01,2027-03-02\n')], env);
    const again = await koers(
      ['import', 'holidays', csv('name,start,end\nExtra,2027-02-26,2027-03-05\n')],
      env,
    );
    expect(again.out).toContain('1 vakanties ingelezen; 1 eerdere in dezelfde periode vervangen');
    expect(
      await rows(store, "select start_date, end_date from school_holidays where name = 'Extra'"),
    ).toEqual([{ start_date: '2027-02-26', end_date: '2027-03-05' }]);
    // Holidays outside the file's period stay.
    expect(
      await rows(store, "select count(*) as n from school_holidays where start_date = '2026-12-19'"),
    ).toEqual([{ n: 1 }]);
  });

  it('names every bad line and stores nothing', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    const before = await dumpStore(store);
    const result = await koers(
      [
        'import',
        'holidays',
        csv(
          'naam,start,eind\nGoed,2027-05-01,2027-05-02\n\nFout,2027-02-30,2027-03-01\n,2027-06-10,2027-06-01\n',
        ),
      ],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toEqual([
      'regel 4: de begindatum is geen datum (zoals 2026-12-19 of 19-12-2026)',
      'regel 5: de naam van de vakantie ontbreekt',
      'regel 5: de einddatum ligt voor de begindatum',
      'Er is niets opgeslagen; verbeter het bestand en lees het opnieuw in.',
    ]);
    expect(await dumpStore(store)).toBe(before);
  });

  it('refuses a file without the columns it needs, and a school that is not there', async () => {
    const { env } = await freshDemoEnv();
    const header = await koers(['import', 'holidays', csv('wat,wanneer\nx,y\n')], env);
    expect(header.err).toContain(
      'regel 1: de eerste regel moet de kolommen naam, start en eind noemen (gevonden: wat, wanneer)',
    );
    const school = await koers(
      ['import', 'holidays', csv('naam,start,eind\nX,2027-01-01,2027-01-02\n'), '--school', 'Elders'],
      env,
    );
    expect(school.code).toBe(1);
    expect(school.err).toContain("Geen school met de naam 'Elders'. Scholen: Koersmeer College");
    const kind = await koers(['import', 'leerlingen', csv('a\n')], env);
    expect(kind.code).toBe(2);
  });
});
