/**
 * `koers import oneroster <folder|zip>`: the sample bundle of tests/fixtures/oneroster (a board,
 * one school, two homeroom classes, three teachers, an administrator, four students, a parent and
 * a disabled account) becomes a school with its groups, staff and students, with the right roles
 * and mentors; read from the folder or from a zip; again it changes nothing; a bundle with
 * problems is named file by file and line by line, and nothing is stored.
 */
import {
  copyFileSync,
  createWriteStream,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import type { Store } from '../src/store/store.ts';
import { koers } from './support/cli.ts';
import { freshMigratedEnvAndStore } from './support/demo.ts';
import { dumpStore, rows } from './support/store-sql.ts';
import { tempDir } from './support/temp.ts';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'oneroster');

/**
 * Values of a group joined by a separator, in order: SQLite's group_concat over rows in that order
 * (as its subquery gives them), PostgreSQL's string_agg with the order.
 */
const joined = (store: Store, value: string, separator: string) =>
  store.dialect === 'sqlite'
    ? `group_concat(${value}, '${separator}')`
    : `string_agg(${value}, '${separator}' order by ${value})`;

/** The sample bundle as a zip, its files in a folder inside it (as exports often are). */
async function zipOf(folder: string): Promise<string> {
  const path = join(tempDir(), 'oneroster.zip');
  const zip = new ZipFile();
  for (const name of readdirSync(folder)) zip.addFile(join(folder, name), `export-2026/${name}`);
  zip.addBuffer(Buffer.from('propertyName,value\noneroster.version,1.1\n'), 'export-2026/manifest.csv');
  zip.end();
  await new Promise((resolve, reject) => {
    zip.outputStream
      .pipe(createWriteStream(path))
      .on('close', () => resolve(undefined))
      .on('error', reject);
  });
  return path;
}

/** A copy of the sample bundle with some files changed. */
function bundleWith(changes: Record<string, (text: string) => string>): string {
  const folder = join(tempDir(), 'bundle');
  mkdirSync(folder);
  for (const name of readdirSync(FIXTURE)) {
    const change = changes[name];
    if (change) writeFileSync(join(folder, name), change(readFileSync(join(FIXTURE, name), 'utf8')));
    else copyFileSync(join(FIXTURE, name), join(folder, name));
  }
  return folder;
}

const IMPORTED = [
  'Nieuwe school: Het Baken.',
  'Personeel van Het Baken: 4 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 uit dienst (gedeactiveerd).',
  'Groepen van Het Baken: 2 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 verwijderd.',
  'Leerlingen van Het Baken: 4 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 niet meer op school (gedeactiveerd).',
  '1 lesgroep overgeslagen: Koers kent het vak niet.',
];

describe('koers import oneroster', () => {
  it('imports the sample bundle into a school, groups, staff and students with their roles and mentors', async () => {
    const { env, store } = await freshMigratedEnvAndStore();
    const result = await koers(['import', 'oneroster', FIXTURE, '--region', 'noord'], env);
    expect(result).toEqual({ code: 0, out: IMPORTED.join('\n'), err: '' });
    expect(await rows(store, 'select name, region from schools')).toEqual([
      { name: 'Het Baken', region: 'noord' },
    ]);
    expect(
      await rows(
        store,
        `select s.name, s.email, ${joined(store, 'r.role', ',')} as roles from staff s
         join (select * from staff_roles order by role) r on r.staff_id = s.id group by s.id order by s.name`,
      ),
    ).toEqual([
      { name: 'Anna de Wit', email: 'a.dewit@hetbaken.example', roles: 'docent,mentor' },
      { name: 'Bram Kuipers', email: 'b.kuipers@hetbaken.example', roles: 'docent,mentor' },
      { name: 'Carla Smits', email: 'c.smits@hetbaken.example', roles: 'docent' },
      { name: 'Dirk Visser', email: 'd.visser@hetbaken.example', roles: 'beheerder' },
    ]);
    expect(
      await rows(
        store,
        `select g.name, g.leerjaar, g.onderwijssoort,
           (select ${joined(store, 'm.name', ', ')} from (select st.name from group_mentors gm join staff st on st.id = gm.staff_id
             where gm.group_id = g.id order by st.name) m) as mentors,
           (select ${joined(store, 't.x', ', ')} from (select st.name || ': ' || gt.subject as x from group_teachers gt
             join staff st on st.id = gt.staff_id where gt.group_id = g.id order by x) t) as teachers
         from groups g order by g.name`,
      ),
    ).toEqual([
      {
        name: '2H',
        leerjaar: 2,
        onderwijssoort: 'havo',
        mentors: 'Anna de Wit, Bram Kuipers',
        teachers: 'Anna de Wit: frans, Carla Smits: wiskunde',
      },
      {
        name: '3V',
        leerjaar: 3,
        onderwijssoort: 'vwo',
        mentors: 'Bram Kuipers',
        teachers: 'Carla Smits: wiskunde',
      },
    ]);
    expect(
      await rows(
        store,
        `select s.first_name, s.last_name_prefix, s.last_name, g.name as grp, s.onderwijssoort, s.leerjaar, m.name as mentor
         from students s join groups g on g.id = s.group_id left join staff m on m.id = s.mentor_id order by s.last_name`,
      ),
    ).toEqual([
      {
        first_name: 'Finn',
        last_name_prefix: null,
        last_name: 'Bakker',
        grp: '2H',
        onderwijssoort: 'havo',
        leerjaar: 2,
        mentor: 'Anna de Wit',
      },
      {
        first_name: 'Gijs',
        last_name_prefix: 'de',
        last_name: 'Boer',
        grp: '3V',
        onderwijssoort: 'vwo',
        leerjaar: 3,
        mentor: 'Bram Kuipers',
      },
      {
        first_name: 'Eva',
        last_name_prefix: 'van',
        last_name: 'Dijk',
        grp: '2H',
        onderwijssoort: 'havo',
        leerjaar: 2,
        mentor: 'Anna de Wit',
      },
      {
        first_name: 'Hanna',
        last_name_prefix: null,
        last_name: 'Mulder',
        grp: '3V',
        onderwijssoort: 'vwo',
        leerjaar: 3,
        mentor: 'Bram Kuipers',
      },
    ]);
    // The mentor finds her mentee; the teacher of a subject finds the students of the groups she teaches.
    expect((await koers(['ask', '--as', 'a.dewit@hetbaken.example', 'leerling eva'], env)).out).toContain(
      'Eva van Dijk',
    );
    expect((await koers(['ask', '--as', 'c.smits@hetbaken.example', 'leerling hanna'], env)).out).toContain(
      'Hanna Mulder',
    );
  });

  it('reads the same bundle from a zip, and then changes nothing; a student who is gone is deactivated', async () => {
    const { env, store } = await freshMigratedEnvAndStore();
    await koers(['import', 'oneroster', FIXTURE, '--region', 'noord'], env);
    const before = await dumpStore(store);
    const again = await koers(['import', 'oneroster', await zipOf(FIXTURE), '--dry-run'], env);
    expect(again.out.split('\n')).toEqual([
      'Proefrun (--dry-run): er is niets opgeslagen. Zo zou het worden:',
      'Personeel van Het Baken: 0 nieuw, 0 gewijzigd, 4 ongewijzigd, 0 uit dienst (gedeactiveerd).',
      'Groepen van Het Baken: 0 nieuw, 0 gewijzigd, 2 ongewijzigd, 0 verwijderd.',
      'Leerlingen van Het Baken: 0 nieuw, 0 gewijzigd, 4 ongewijzigd, 0 niet meer op school (gedeactiveerd).',
      '1 lesgroep overgeslagen: Koers kent het vak niet.',
    ]);
    expect(await dumpStore(store)).toBe(before);
    const withoutHanna = bundleWith({
      'users.csv': (text) => text.replace(/^u-hanna,,/m, 'u-hanna,tobedeleted,'),
    });
    const later = await koers(['import', 'oneroster', await zipOf(withoutHanna)], env);
    expect(later.out).toContain(
      'Leerlingen van Het Baken: 0 nieuw, 0 gewijzigd, 3 ongewijzigd, 1 niet meer op school (gedeactiveerd).',
    );
    expect(
      await rows(
        store,
        "select case when left_on is not null then 1 else 0 end as gone from students where first_name = 'Hanna'",
      ),
    ).toEqual([{ gone: 1 }]);
  });

  it('names what does not fit the bundle, file by file, and stores nothing', async () => {
    const { env, store } = await freshMigratedEnvAndStore();
    const before = await dumpStore(store);
    const broken = bundleWith({
      'users.csv': (text) =>
        text
          .replace('b.kuipers@hetbaken.example', 'b.kuipers')
          .replace(
            'u-carla,,2026-09-01T08:00:00.000Z,true,"org-bestuur,org-baken"',
            'u-carla,,2026-09-01T08:00:00.000Z,true,org-elders',
          )
          .replace('finn.bakker@leerling.hetbaken.example', 'eva.vandijk@leerling.hetbaken.example'),
      'classes.csv': (text) =>
        text.replace('c-3v,,2026-09-01T08:00:00.000Z,3V,', 'c-3v,,2026-09-01T08:00:00.000Z,Klas Noord,'),
      'enrollments.csv': (text) =>
        `${text}e17,,2026-09-01T08:00:00.000Z,c-onbekend,org-baken,u-eva,student,false,,\n`,
    });
    const result = await koers(['import', 'oneroster', broken, '--region', 'noord'], env);
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toEqual([
      "users.csv, regel 3, kolom email: 'b.kuipers' is geen e-mailadres",
      'users.csv, regel 4, kolom orgSourcedIds: u-carla hoort bij geen school uit orgs.csv',
      'users.csv, regel 7, kolom email: eva.vandijk@leerling.hetbaken.example staat ook op regel 6',
      "classes.csv, regel 3, kolom title: uit 'Klas Noord' zijn de onderwijssoort en het leerjaar niet op te maken (noem de klas zoals 3H, 4 vwo of groep 5)",
      'enrollments.csv, regel 18, kolom classSourcedId: klas c-onbekend staat niet in classes.csv',
      '5 problemen.',
      'Er is niets opgeslagen; verbeter het bestand en lees het opnieuw in.',
    ]);
    expect(await dumpStore(store)).toBe(before);

    const missing = bundleWith({});
    writeFileSync(join(missing, 'enrollments.csv'), '');
    const empty = await koers(['import', 'oneroster', missing, '--region', 'noord'], env);
    expect(empty.err.split('\n')[0]).toBe('enrollments.csv, regel 1: het bestand is leeg');
    const notAZip = join(tempDir(), 'bundle.zip');
    writeFileSync(notAZip, 'geen zip');
    expect((await koers(['import', 'oneroster', notAZip], env)).err).toBe(
      `${notAZip} is geen map en geen zip-bestand dat Koers kan lezen.`,
    );
    expect((await koers(['import', 'oneroster', FIXTURE], env)).err).toBe(
      'Nieuwe scholen (Het Baken) hebben een regio nodig: --region noord, midden of zuid.',
    );
    expect(await dumpStore(store)).toBe(before);
  });
});
