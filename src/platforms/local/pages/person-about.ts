/** Who a person is, in a few words: a staff member's roles, a student's group. */
import type { Translator } from '../../../i18n/translate.ts';
import type { LocalPerson } from '../../../store/local-people.ts';

export function personAbout(t: Translator, person: LocalPerson): string {
  if (person.kind === 'staff') return person.roles.map((role) => t(`enum.role.${role}`)).join(', ');
  return person.group
    ? t('playground.picker.studentOf', { group: person.group })
    : t('playground.picker.student');
}
