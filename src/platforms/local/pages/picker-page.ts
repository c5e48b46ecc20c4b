/**
 * The playground's front door: whom to act as (the demo personas first, grouped by role, then
 * everyone else linked to the playground), the channels with their summaries, and the clock.
 */
import type { StaffRole } from '../../../domain/enums.ts';
import type { Translator } from '../../../i18n/translate.ts';
import { escapeHtml } from '../../../render/html/markup.ts';
import type { LocalChannel } from '../../../store/local-inbox.ts';
import type { LocalPerson } from '../../../store/local-people.ts';
import { channelUrl, personUrl } from '../playground-paths.ts';
import { personAbout } from './person-about.ts';

/** The groups of staff, in the order the picker shows them. */
const ROLE_ORDER: readonly StaffRole[] = ['mentor', 'zorgcoordinator', 'teamleider', 'beheerder', 'docent'];
/** A staff member is listed once, under the widest of their roles (a mentor who teaches is a mentor). */
const WIDEST_FIRST: readonly StaffRole[] = ['beheerder', 'teamleider', 'zorgcoordinator', 'mentor', 'docent'];
const mainRole = (roles: readonly StaffRole[]): StaffRole =>
  WIDEST_FIRST.find((role) => roles.includes(role)) ?? 'docent';

type PickerData = {
  t: Translator;
  people: readonly LocalPerson[];
  personas: readonly string[];
  channels: readonly LocalChannel[];
  /** Messages Koers sent each person, by user id. */
  messages: ReadonlyMap<string, number>;
  /** The playground runs beside a real platform: no demo personas to promise. */
  beside: boolean;
};

function personLink(t: Translator, person: LocalPerson, messages: number): string {
  const about = personAbout(t, person);
  const count =
    messages > 0
      ? ` <span class="badge">${escapeHtml(t('playground.messages', { count: messages }))}</span>`
      : '';
  return `<li><a href="${escapeHtml(personUrl(person.userId))}">${escapeHtml(person.name)}</a> <span class="muted">${escapeHtml(about)}</span>${count}</li>`;
}

function group(
  t: Translator,
  title: string,
  people: readonly LocalPerson[],
  messages: ReadonlyMap<string, number>,
) {
  if (people.length === 0) return '';
  return `<section class="people"><h3>${escapeHtml(title)}</h3><ul>${people
    .map((person) => personLink(t, person, messages.get(person.userId) ?? 0))
    .join('')}</ul></section>`;
}

export function pickerBody(data: PickerData): string {
  const { t, messages } = data;
  const personaSet = new Set(data.personas);
  const byUser = new Map(data.people.map((person) => [person.userId, person]));
  const personas = data.personas.flatMap((userId) => byUser.get(userId) ?? []);
  const staffGroups = ROLE_ORDER.map((role) =>
    group(
      t,
      t(`playground.picker.role.${role}`),
      personas.filter((p) => p.kind === 'staff' && mainRole(p.roles) === role),
      messages,
    ),
  ).join('');
  const students = group(
    t,
    t('playground.picker.students'),
    personas.filter((p) => p.kind === 'student'),
    messages,
  );
  const others = data.people.filter((person) => !personaSet.has(person.userId));
  const everyone =
    others.length === 0
      ? ''
      : `<details class="everyone"><summary>${escapeHtml(t('playground.picker.everyone', { count: others.length }))}</summary>${group(
          t,
          t('playground.picker.staff'),
          others.filter((p) => p.kind === 'staff'),
          messages,
        )}${group(
          t,
          t('playground.picker.students'),
          others.filter((p) => p.kind === 'student'),
          messages,
        )}</details>`;
  const channels =
    data.channels.length === 0
      ? `<p class="muted">${escapeHtml(t('playground.channels.none'))}</p>`
      : `<ul>${data.channels
          .map(
            (channel) =>
              `<li><a href="${escapeHtml(channelUrl(channel.channelId))}">#${escapeHtml(channel.channelId)}</a>${
                channel.staff
                  ? ` <span class="muted">${escapeHtml(t('playground.channels.staff'))}</span>`
                  : ''
              }${channel.messages > 0 ? ` <span class="badge">${escapeHtml(t('playground.messages', { count: channel.messages }))}</span>` : ''}</li>`,
          )
          .join('')}</ul>`;
  const none = data.people.length === 0 ? `<p>${escapeHtml(t('playground.picker.nobody'))}</p>` : '';
  return `<h1>${escapeHtml(t(data.beside ? 'playground.picker.titleBeside' : 'playground.picker.title'))}</h1>
<p class="intro">${escapeHtml(t(data.beside ? 'playground.picker.introBeside' : 'playground.picker.intro'))}</p>
<div class="columns">
<section aria-labelledby="wie">
<h2 id="wie">${escapeHtml(t('playground.picker.who'))}</h2>
${none}${staffGroups}${students}${everyone}
</section>
<section aria-labelledby="kanalen">
<h2 id="kanalen">${escapeHtml(t('playground.channels.title'))}</h2>
${channels}
</section>
</div>`;
}
