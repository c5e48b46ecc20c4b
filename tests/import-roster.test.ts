/**
 * `koers import <staff|groups|students|enrolments> <file.csv>`: the rosters of docs/roster.md, all
 * or nothing. Valid files create, update, deactivate and report; the same file again changes
 * nothing; a file with any problem is named line by line and column by column, and the database
 * is exactly as it was.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawJson } from '../src/store/raw-values.ts';
import type { Store } from '../src/store/store.ts';
import { koers } from './support/cli.ts';
import { freshDemoEnvAndStore, freshMigratedEnvAndStore } from './support/demo.ts';
import { dumpStore, rows } from './support/store-sql.ts';
import { tempDir } from './support/temp.ts';

type Rows = Record<string, string | number | null>[];

/** A CSV file from rows (their keys are the header), with a separator, optionally with a BOM. */
function csvFile(rows: Rows, options: { separator?: string; bom?: boolean; name?: string } = {}): string {
  const separator = options.separator ?? ',';
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    return text.includes(separator) || text.includes('"') ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [
    Object.keys(rows[0] ?? {}).join(separator),
    ...rows.map((r) => Object.values(r).map(cell).join(separator)),
  ];
  const path = join(tempDir(), options.name ?? 'roster.csv');
  writeFileSync(path, `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`);
  return path;
}

function textFile(text: string | Buffer): string {
  const path = join(tempDir(), 'roster.csv');
  writeFileSync(path, text);
  return path;
}

/** Everything but the audit log, which an import adds to on purpose. */
const dataOf = async (store: Store) =>
  (await dumpStore(store))
    // A table's block starts with its name; its rows are lines of JSON objects.
    .split(/\n\n(?=[^{\n])/)
    .filter((block) => block.split('\n')[0] !== 'audit_log')
    .map((block) => block.trimEnd())
    .join('\n\n');

/** Values of a group joined by a separator: SQLite's group_concat, PostgreSQL's string_agg. */
const joined = (store: Store, value: string, separator: string) =>
  store.dialect === 'sqlite'
    ? `group_concat(${value}, '${separator}')`
    : `string_agg(${value}, '${separator}')`;

/** The demo school's own rosters, in the layouts of docs/roster.md, as its administrator would export them. */
async function demoRosters(store: Store) {
  const staff = (await rows(
    store,
    `select s.email, s.name as naam, ${joined(store, 'r.role', ', ')} as rollen,
       coalesce((select t.name from staff_roles x join teams t on t.id = x.team_id where x.staff_id = s.id), '') as team
     from staff s join staff_roles r on r.staff_id = s.id group by s.id order by s.id`,
  )) as Rows;
  const groups = (await rows(
    store,
    `select g.name as groep, g.leerjaar, g.onderwijssoort, t.name as team,
       (select ${joined(store, 'm.email', ' | ')} from group_mentors gm join staff m on m.id = gm.staff_id where gm.group_id = g.id) as mentor,
       (select ${joined(store, "d.email || ':' || gt.subject", ' | ')} from group_teachers gt join staff d on d.id = gt.staff_id
         where gt.group_id = g.id) as docenten
     from groups g left join teams t on t.id = g.team_id order by g.id`,
  )) as Rows;
  const students = (await rows(
    store,
    `select s.email, s.first_name as voornaam, s.last_name_prefix as tussenvoegsel, s.last_name as achternaam,
       s.preferred_name as roepnaam, g.name as groep, s.onderwijssoort, s.leerjaar, m.email as mentor
     from students s left join groups g on g.id = s.group_id left join staff m on m.id = s.mentor_id order by s.id`,
  )) as Rows;
  const enrolments = (await rows(
    store,
    `select s.email, e.subject as vak, e.level as niveau, e.moment,
       coalesce(replace(cast(e.result_grade as text), '.', ','), e.result_word) as cijfer, e.status
     from subject_enrolments e join students s on s.id = e.student_id order by e.id`,
  )) as Rows;
  return { staff, groups, students, enrolments };
}

const SARINA = 'sarina.elamrani@leerling.koersmeer.example';

describe('koers import of valid rosters', () => {
  it('the demo school’s own rosters change nothing: every row unchanged', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    const rosters = await demoRosters(store);
    const before = await dataOf(store);
    const staff = await koers(['import', 'staff', csvFile(rosters.staff, { bom: true })], env);
    const groups = await koers(['import', 'groups', csvFile(rosters.groups)], env);
    // Dutch spreadsheets: semicolons, decimal commas.
    const students = await koers(['import', 'students', csvFile(rosters.students, { separator: ';' })], env);
    const enrolments = await koers(
      ['import', 'enrolments', csvFile(rosters.enrolments, { separator: ';' })],
      env,
    );
    expect([staff.out, groups.out, students.out, enrolments.out]).toEqual([
      'Personeel van Koersmeer College: 0 nieuw, 0 gewijzigd, 10 ongewijzigd, 0 uit dienst (gedeactiveerd).',
      'Groepen van Koersmeer College: 0 nieuw, 0 gewijzigd, 3 ongewijzigd, 0 verwijderd.',
      'Leerlingen van Koersmeer College: 0 nieuw, 0 gewijzigd, 75 ongewijzigd, 0 niet meer op school (gedeactiveerd).',
      'Vakken van de leerlingen van Koersmeer College: 0 nieuw, 0 gewijzigd, 650 ongewijzigd, 0 verwijderd.',
    ]);
    expect(await dataOf(store)).toBe(before);
    // Each import is audited once, with counts and no personal data.
    const audited = await rows<{ subject: string; detail: unknown }>(
      store,
      "select subject, detail from audit_log where subject = 'import staff'",
    );
    expect(audited.map((a) => ({ ...a, detail: rawJson(a.detail) }))).toEqual([
      {
        subject: 'import staff',
        detail: { kind: 'staff', created: 0, updated: 0, unchanged: 10, removed: 0, kept: 0 },
      },
    ]);
  });

  it('a new students roster: --dry-run reports, the import does the same, and again changes nothing', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    const { students } = await demoRosters(store);
    const next = students
      .filter((s) => !String(s.email).startsWith('daan.') && !String(s.email).startsWith('noor.'))
      .map((s) => (s.email === SARINA ? { ...s, roepnaam: 'Sari', groep: '3h' } : s));
    next.push({
      email: 'Jesse.Vermeulen@leerling.koersmeer.example',
      voornaam: 'Jesse',
      tussenvoegsel: null,
      achternaam: 'Vermeulen',
      roepnaam: null,
      groep: '4V',
      onderwijssoort: 'VWO',
      leerjaar: 4,
      mentor: 'P.deVries@koersmeer.example',
    });
    const path = csvFile(next);
    const before = await dumpStore(store);
    const dry = await koers(['import', 'students', path, '--dry-run'], env);
    const expected =
      'Leerlingen van Koersmeer College: 1 nieuw, 1 gewijzigd, 72 ongewijzigd, 2 niet meer op school (gedeactiveerd).';
    expect(dry).toEqual({
      code: 0,
      out: ['Proefrun (--dry-run): er is niets opgeslagen. Zo zou het worden:', expected].join('\n'),
      err: '',
    });
    expect(await dumpStore(store)).toBe(before);

    expect((await koers(['import', 'students', path], env)).out).toBe(expected);
    expect(
      await rows(
        store,
        `select s.email, s.preferred_name, g.name as grp, s.onderwijssoort, m.email as mentor, case when s.left_on is not null then 1 else 0 end as gone
         from students s join groups g on g.id = s.group_id left join staff m on m.id = s.mentor_id
         where s.email like 'jesse.%' or s.email like 'daan.%' or s.email = ? order by s.email`,
        [SARINA],
      ),
    ).toEqual([
      {
        email: 'daan.visser@leerling.koersmeer.example',
        preferred_name: null,
        grp: '3H',
        onderwijssoort: 'havo',
        mentor: 'm.jansen@koersmeer.example',
        gone: 1,
      },
      {
        email: 'jesse.vermeulen@leerling.koersmeer.example',
        preferred_name: null,
        grp: '4V',
        onderwijssoort: 'vwo',
        mentor: 'p.devries@koersmeer.example',
        gone: 0,
      },
      {
        email: SARINA,
        preferred_name: 'Sari',
        grp: '3H',
        onderwijssoort: 'havo',
        mentor: 'm.jansen@koersmeer.example',
        gone: 0,
      },
    ]);
    const after = await dataOf(store);
    expect((await koers(['import', 'students', path], env)).out).toBe(
      'Leerlingen van Koersmeer College: 0 nieuw, 0 gewijzigd, 74 ongewijzigd, 0 niet meer op school (gedeactiveerd).',
    );
    expect(await dataOf(store)).toBe(after);
  });

  it('staff with roles and a team leader’s new team; groups with mentors and teachers; enrolments with grades', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    const rosters = await demoRosters(store);
    const staff = [
      ...rosters.staff,
      {
        email: 'l.peeters@koersmeer.example',
        naam: 'Lotte Peeters',
        rollen: 'Teamleider | docent',
        team: 'Onderbouw',
      },
    ];
    expect((await koers(['import', 'staff', csvFile(staff)], env)).out).toBe(
      'Personeel van Koersmeer College: 1 nieuw, 0 gewijzigd, 10 ongewijzigd, 0 uit dienst (gedeactiveerd).',
    );
    expect(
      await rows(
        store,
        `select r.role, t.name as team from staff_roles r join staff s on s.id = r.staff_id left join teams t on t.id = r.team_id
         where s.email = 'l.peeters@koersmeer.example' order by r.role`,
      ),
    ).toEqual([
      { role: 'docent', team: null },
      { role: 'teamleider', team: 'Onderbouw' },
    ]);
    const groups = [
      ...rosters.groups,
      {
        groep: '1A',
        leerjaar: 1,
        onderwijssoort: 'atheneum',
        team: 'Onderbouw',
        mentor: 'l.peeters@koersmeer.example',
        docenten: 'frans:p.devries@koersmeer.example',
      },
    ];
    expect((await koers(['import', 'groups', csvFile(groups)], env)).out).toBe(
      'Groepen van Koersmeer College: 1 nieuw, 0 gewijzigd, 3 ongewijzigd, 0 verwijderd.',
    );
    // Named as a mentor, she now has the mentor role too.
    expect(
      await rows(
        store,
        "select r.role from staff_roles r join staff s on s.id = r.staff_id where s.email = 'l.peeters@koersmeer.example' order by r.role",
      ),
    ).toEqual([{ role: 'docent' }, { role: 'mentor' }, { role: 'teamleider' }]);
    // A group no longer in the file goes once no student is in it; 1A has none.
    expect((await koers(['import', 'groups', csvFile(rosters.groups)], env)).out).toBe(
      'Groepen van Koersmeer College: 0 nieuw, 0 gewijzigd, 3 ongewijzigd, 1 verwijderd.',
    );
    expect(
      (
        await koers(['import', 'groups', csvFile(rosters.groups.filter((g) => g.groep !== '4V'))], env)
      ).out.split('\n'),
    ).toEqual([
      'Groepen van Koersmeer College: 0 nieuw, 0 gewijzigd, 2 ongewijzigd, 0 verwijderd.',
      '1 groep staat niet in het bestand, maar blijft bestaan zolang er leerlingen in zitten.',
    ]);

    const sarina = rosters.enrolments.filter((e) => e.email === SARINA);
    const others = rosters.enrolments.filter((e) => e.email !== SARINA);
    const changed = [
      ...others,
      ...sarina
        .filter((e) => e.vak !== 'frans' && e.vak !== 'biologie')
        .map((e) => (e.vak === 'nederlands' ? { ...e, cijfer: '5,5' } : e)),
      { email: SARINA, vak: 'Frans', niveau: '', moment: '30-06-2029', cijfer: '6.8', status: 'bezig' },
      { email: SARINA, vak: 'wiA', niveau: 'havo', moment: '2029-06', cijfer: 'voldoende', status: '' },
    ];
    expect((await koers(['import', 'enrolments', csvFile(changed, { separator: ';' })], env)).out).toBe(
      'Vakken van de leerlingen van Koersmeer College: 2 nieuw, 1 gewijzigd, 647 ongewijzigd, 2 verwijderd.',
    );
    expect(
      await rows(
        store,
        `select subject, level, moment, result_grade, result_word, status from subject_enrolments
         where student_id = (select id from students where email = ?) and subject in ('nederlands', 'frans', 'wiskunde-a') order by subject, level`,
        [SARINA],
      ),
    ).toEqual([
      {
        subject: 'frans',
        level: 'havo',
        moment: '2029-06',
        result_grade: 6.8,
        result_word: null,
        status: 'bezig',
      },
      {
        subject: 'nederlands',
        level: 'vwo',
        moment: '2029-06',
        result_grade: 5.5,
        result_word: null,
        status: 'bezig',
      },
      {
        subject: 'wiskunde-a',
        level: 'havo',
        moment: '2029-06',
        result_grade: null,
        result_word: 'voldoende',
        status: 'bezig',
      },
    ]);
  });

  it('a new school from nothing: staff, groups, students and enrolments into a migrated database', async () => {
    const { env, store } = await freshMigratedEnvAndStore();
    const none = await koers(
      ['import', 'staff', csvFile([{ email: 'a@b.nl', naam: 'A', rollen: 'beheerder' }])],
      env,
    );
    expect(none).toMatchObject({
      code: 1,
      err: 'De database heeft nog geen school; noem er een met --school en --region.',
    });
    const school = ['--school', 'De Vaart', '--region', 'noord'];
    const staff = csvFile([
      {
        voornaam: 'Anna',
        tussenvoegsel: 'de',
        achternaam: 'Wit',
        email: 'a.dewit@devaart.example',
        rollen: 'mentor',
      },
      {
        voornaam: 'Bas',
        tussenvoegsel: '',
        achternaam: 'Beheer',
        email: 'beheer@devaart.example',
        rollen: 'beheerder',
      },
    ]);
    expect((await koers(['import', 'staff', staff, ...school], env)).out.split('\n')).toEqual([
      'Nieuwe school: De Vaart.',
      'Personeel van De Vaart: 2 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 uit dienst (gedeactiveerd).',
    ]);
    const groups = csvFile([
      { group: '1B', year: 1, level: 'havo', team: 'Onderbouw', mentor: 'a.dewit@devaart.example' },
    ]);
    expect((await koers(['import', 'groups', groups], env)).out).toBe(
      'Groepen van De Vaart: 1 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 verwijderd.',
    );
    const students = csvFile([
      {
        email: 'kim@leerling.devaart.example',
        first_name: 'Kim',
        infix: 'van',
        last_name: 'Dam',
        group: '1B',
        level: 'havo',
        year: 1,
        mentor: 'a.dewit@devaart.example',
      },
    ]);
    expect((await koers(['import', 'students', students], env)).out).toBe(
      'Leerlingen van De Vaart: 1 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 niet meer op school (gedeactiveerd).',
    );
    expect(await rows(store, 'select s.name, s.region from schools s')).toEqual([
      { name: 'De Vaart', region: 'noord' },
    ]);
    expect(await rows(store, 'select name from staff order by name')).toEqual([
      { name: 'Anna de Wit' },
      { name: 'Bas Beheer' },
    ]);
    const ask = await koers(['ask', '--as', 'a.dewit@devaart.example', 'leerling kim'], env);
    expect(ask.out).toContain('Kim van Dam');
  });
});

/** Runs an import that must fail and returns its error lines; the database must be as it was. */
async function failing(
  kind: string,
  path: string,
  school: { env: Record<string, string>; store: Store },
  env: Record<string, string> = {},
): Promise<string[]> {
  const before = await dumpStore(school.store);
  const result = await koers(['import', kind, path], { ...school.env, ...env });
  expect(result.code).toBe(1);
  expect(result.out).toBe('');
  expect(await dumpStore(school.store)).toBe(before);
  return result.err.split('\n');
}

const STORED_NOTHING = 'Er is niets opgeslagen; verbeter het bestand en lees het opnieuw in.';

describe('koers import of rosters with problems: every one named, nothing stored', () => {
  it('wrong and missing columns', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    expect(
      await failing(
        'students',
        textFile('email;voornaam;achternam;groep;leerjaar;klas\nx@y.nl;A;B;3H;3;3H\n'),
        { env, store },
      ),
    ).toEqual([
      'regel 1, kolom achternam: deze kolom kent Koers niet (lijkt op achternaam)',
      'regel 1, kolom klas: deze kolom staat er twee keer in (ook als groep)',
      'regel 1: de kolom achternaam (of last_name) ontbreekt',
      'regel 1: de kolom onderwijssoort (of level) ontbreekt',
      '4 problemen.',
      STORED_NOTHING,
    ]);
    expect(await failing('staff', textFile('email,rollen\nx@y.nl,docent\n'), { env, store })).toEqual([
      'regel 1: de kolom naam ontbreekt (of voornaam en achternaam)',
      '1 probleem.',
      STORED_NOTHING,
    ]);
  });

  it('students: bad addresses, levels and years, duplicates, unknown groups and mentors, someone else’s address', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    const path = textFile(
      [
        'email;voornaam;tussenvoegsel;achternaam;groep;onderwijssoort;leerjaar;mentor',
        `${SARINA};Sarina;El;Amrani;3H;havo;3;m.jansen@koersmeer.example`,
        'geen-adres;Piet;;Puk;3H;havo;3;',
        'daan.visser@leerling.koersmeer.example;;;Visser;3H;mbo;9;',
        'noor.hendriks@leerling.koersmeer.example;Noor;;Hendriks;3X;havo;3;x.onbekend@koersmeer.example',
        `${SARINA.toUpperCase()};Sarina;;Amrani;3H;havo;3;`,
        'z.bos@koersmeer.example;Zoë;;Bos;3H;havo;3;',
      ].join('\n'),
    );
    expect(await failing('students', path, { env, store })).toEqual([
      "regel 3, kolom email: 'geen-adres' is geen e-mailadres",
      'regel 4, kolom voornaam: is leeg',
      "regel 4, kolom onderwijssoort: 'mbo' is geen onderwijssoort (po, vmbo-b, vmbo-k, vmbo-gl, vmbo-tl, havo of vwo)",
      "regel 4, kolom leerjaar: '9' is geen leerjaar (1 tot en met 8)",
      "regel 5, kolom groep: groep '3X' bestaat niet op deze school (lees eerst de groepen in)",
      'regel 5, kolom mentor: x.onbekend@koersmeer.example is geen medewerker van deze school (lees eerst het personeel in)',
      `regel 6, kolom email: ${SARINA} staat ook op regel 2`,
      'regel 7, kolom email: z.bos@koersmeer.example is het adres van een medewerker',
      '8 problemen.',
      STORED_NOTHING,
    ]);
  });

  it('enrolments: a grade 5.5.5, bad dates, an unknown subject and student, a subject twice; decimal commas are fine', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    const path = textFile(
      [
        'email;vak;niveau;moment;cijfer;status',
        `${SARINA};frans;vwo;2029-06;5,5;bezig`,
        `${SARINA};nederlands;vwo;2029-06;5.5.5;bezig`,
        `${SARINA};engels;;2027-13;7;bezig`,
        `${SARINA};duits;;31-02-2027;7;klaar`,
        `${SARINA};klingon;;2027-06;11;`,
        'onbekend@leerling.koersmeer.example;engels;;2027-06;7;',
        `${SARINA};Frans;vwo;2029-06;6;`,
      ].join('\n'),
    );
    expect(await failing('enrolments', path, { env, store })).toEqual([
      "regel 3, kolom cijfer: '5.5.5' is geen cijfer van 1,0 tot en met 10,0 en geen resultaat (voldoende of goed)",
      "regel 4, kolom moment: '2027-13' is geen maand of datum (zoals 2027-06 of 30-06-2027)",
      "regel 5, kolom moment: '31-02-2027' is geen maand of datum (zoals 2027-06 of 30-06-2027)",
      "regel 5, kolom status: 'klaar' is geen status (bezig, afgerond of gestopt)",
      "regel 6, kolom vak: 'klingon' is geen vak dat Koers kent",
      "regel 6, kolom cijfer: '11' is geen cijfer van 1,0 tot en met 10,0 en geen resultaat (voldoende of goed)",
      'regel 7, kolom email: onbekend@leerling.koersmeer.example is geen leerling van deze school (lees eerst de leerlingen in)',
      'regel 8, kolom vak: frans op dit niveau staat voor deze leerling ook op regel 2',
      '8 problemen.',
      STORED_NOTHING,
    ]);
  });

  it('staff: a team leader without a team, an unknown role, a student’s address; groups: an unknown mentor and a bad teacher', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    const staff = textFile(
      [
        'email,naam,rollen,team',
        't.smit@koersmeer.example,Tom Smit,teamleider,',
        'x@koersmeer.example,X,"mentor, conciërge",',
        `${SARINA},Sarina,docent,`,
      ].join('\n'),
    );
    expect(await failing('staff', staff, { env, store })).toEqual([
      'regel 2, kolom team: een teamleider heeft een team nodig',
      "regel 3, kolom rollen: 'conciërge' is geen rol (mentor, docent, zorgcoördinator, teamleider of beheerder)",
      `regel 4, kolom email: ${SARINA} is het adres van een leerling`,
      '3 problemen.',
      STORED_NOTHING,
    ]);
    const groups = textFile(
      [
        'groep,leerjaar,onderwijssoort,mentor,docenten',
        '3H,3,havo,nieuw@koersmeer.example,',
        '4V,4,vwo,,p.devries@koersmeer.example',
      ].join('\n'),
    );
    expect(await failing('groups', groups, { env, store })).toEqual([
      'regel 2, kolom mentor: nieuw@koersmeer.example is geen medewerker van deze school (lees eerst het personeel in)',
      "regel 3, kolom docenten: 'p.devries@koersmeer.example' is geen docent met een vak (zoals p.devries@school.nl:frans)",
      '2 problemen.',
      STORED_NOTHING,
    ]);
  });

  it('an empty file, a header only, the wrong encoding, UTF-16, quotes that do not close', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    expect(await failing('students', textFile(''), { env, store })).toEqual([
      'regel 1: het bestand is leeg',
      '1 probleem.',
      STORED_NOTHING,
    ]);
    expect(await failing('groups', textFile('groep;leerjaar;onderwijssoort\n'), { env, store })).toEqual([
      'regel 2: het bestand heeft alleen een kopregel',
      '1 probleem.',
      STORED_NOTHING,
    ]);
    const latin1 = Buffer.from(
      'email;naam;rollen\nz.bos@koersmeer.example;Zo\xEB Bos;zorgco\xF6rdinator\n',
      'latin1',
    );
    expect(await failing('staff', textFile(latin1), { env, store })).toEqual([
      "regel 2: het bestand is geen UTF-8 (sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)')",
      '1 probleem.',
      STORED_NOTHING,
    ]);
    const utf16 = Buffer.from('\uFEFFemail;naam;rollen\n', 'utf16le');
    expect((await failing('staff', textFile(utf16), { env, store }))[0]).toBe(
      "regel 1: het bestand is UTF-16 ('Unicode-tekst'); sla het op als 'CSV UTF-8'",
    );
    expect(
      await failing('staff', textFile('email,naam,rollen\nx@y.nl,"Open,docent\n'), { env, store }),
    ).toEqual([
      'regel 2: de aanhalingstekens kloppen niet (een cel die met " begint, moet ook met " eindigen)',
      '1 probleem.',
      STORED_NOTHING,
    ]);
  });

  it('shows at most 50 problems with the total, in English when asked', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    const lines = ['email,naam,rollen', ...Array.from({ length: 60 }, (_, i) => `fout-${i + 1},Naam,docent`)];
    const err = await failing('staff', textFile(lines.join('\n')), { env, store });
    expect(err).toHaveLength(52);
    expect(err[0]).toBe("regel 2, kolom email: 'fout-1' is geen e-mailadres");
    expect(err.slice(-2)).toEqual(['Hierboven de eerste 50 van 60 problemen.', STORED_NOTHING]);
    const english = await failing(
      'students',
      textFile('email;first_name;last_name;group;level;year\nx@y.nl;A;B;3H;havo;3.5\n'),
      { env, store },
      {
        KOERS_LOCALE: 'en',
      },
    );
    expect(english).toEqual([
      "line 2, column year: '3.5' is not a school year (1 to 8)",
      '1 problem.',
      'Nothing was stored; correct the file and import it again.',
    ]);
  });
});
