/** How a student's name is shown: the name they go by, then the *tussenvoegsel* and last name. */
export type NameParts = {
  firstName: string;
  preferredName: string | null;
  lastNamePrefix: string | null;
  lastName: string;
};

export function displayName(person: NameParts): string {
  return [person.preferredName ?? person.firstName, person.lastNamePrefix, person.lastName]
    .filter(Boolean)
    .join(' ');
}
