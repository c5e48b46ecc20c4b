/**
 * Which school a terminal command means: the one named with `--school` (any case), or the only
 * school there is. Otherwise the command stops with the names to choose from, in the words of
 * the command that asked (`unknown`: no such school; `choose`: several, and none named).
 */
import { UserError } from '../i18n/user-error.ts';

export function schoolByName<School extends { name: string }>(
  schools: readonly School[],
  named: string | undefined,
  keys: { unknown: string; choose: string },
): School {
  const wanted = named?.trim().toLowerCase();
  const school = wanted
    ? schools.find((s) => s.name.toLowerCase() === wanted)
    : schools.length === 1
      ? schools[0]
      : undefined;
  if (!school)
    throw new UserError(wanted ? keys.unknown : keys.choose, {
      school: named ?? '',
      schools: schools.map((s) => s.name).join(', '),
    });
  return school;
}
