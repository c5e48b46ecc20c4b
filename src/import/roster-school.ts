/**
 * Which school a roster file is for: the one named with `--school`, or the only one there is. A
 * school that does not exist yet is created by the import, in its region (`--region`): a new
 * installation starts with its rosters.
 */
import type { Region } from '../domain/enums.ts';
import { UserError } from '../i18n/user-error.ts';
import type { Store } from '../store/database.ts';
import { schoolsNamed } from '../store/schools.ts';

export type SchoolChoice = { name?: string | undefined; region?: Region | undefined };

/** The school of the import: `id` null for one the import creates (in `region`). */
export type RosterSchool = { id: number; name: string } | { id: null; name: string; region: Region };

export async function schoolFor(store: Store, choice: SchoolChoice): Promise<RosterSchool> {
  const schools = await schoolsNamed(store);
  const list = schools.map((s) => s.name).join(', ');
  const wanted = choice.name?.trim();
  if (!wanted) {
    const only = schools.length === 1 ? schools[0] : undefined;
    if (only) return only;
    throw new UserError(schools.length === 0 ? 'roster.school.none' : 'cli.import.chooseSchool', {
      schools: list,
    });
  }
  const found = schools.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
  if (found) return found;
  if (!choice.region)
    throw new UserError('roster.school.newNeedsRegion', { school: wanted, schools: list || '-' });
  return { id: null, name: wanted, region: choice.region };
}
