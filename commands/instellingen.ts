/**
 * `instellingen`: a student sets when the weekly prompt comes, pauses it, and picks a language;
 * staff pick their language. Shows the settings in force, the school's defaults included.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { staffAudiencesFor } from '../src/domain/access.ts';
import { resolveDateWords } from '../src/domain/calendar-words.ts';
import { locales } from '../src/domain/enums.ts';
import {
  latestMentorPauseEnd,
  latestPauseEnd,
  MAX_MENTOR_PAUSE_WEEKS,
  MAX_PAUSE_WEEKS,
} from '../src/domain/pause.ts';
import { displayName } from '../src/domain/person-name.ts';
import {
  defaultPromptSchedule,
  nextPromptMoment,
  type PromptSchedule,
} from '../src/domain/prompt-calendar.ts';
import { arg, argumentDocs } from '../src/engine/arguments.ts';
import { action, command } from '../src/engine/command.ts';
import type { CommandContext } from '../src/engine/context.ts';
import { refusal } from '../src/engine/replies.ts';
import { translator } from '../src/i18n/translate.ts';
import type { BlockInput, ReplyInput } from '../src/reply/reply.ts';
import {
  type StudentSettingChanges,
  updateStaffLocale,
  updateStudentSettings,
} from '../src/store/person-settings.ts';
import { menteePromptSettings, pausedMentees } from '../src/store/prompts.ts';
import { holidaysOf, schoolSettings } from '../src/store/schools.ts';
import { studentProfile } from '../src/store/student-records.ts';
import { thresholdsAction } from './instellingen/drempels.ts';
import { summarySettingsAction } from './instellingen/samenvatting.ts';

const everyone = ['leerling', 'mentor', 'docent', 'zorgcoordinator', 'teamleider', 'beheerder'] as const;
const offWords = ['uit', 'off', 'geen', 'none', 'stop'];
const pauseArg = () =>
  z
    .union([
      z
        .string()
        .refine((w) => offWords.includes(w.toLowerCase()))
        .transform(() => null),
      arg.date(),
    ])
    .register(argumentDocs, { expected: 'settings.pauseExpected' });

async function nextPrompt(
  context: CommandContext,
  schedule: PromptSchedule,
  pausedUntil: string | null,
): Promise<string> {
  const holidays = await holidaysOf(context.store, context.actor.schoolId);
  const next = nextPromptMoment(DateTime.fromJSDate(context.now), schedule, holidays, pausedUntil);
  if (!next) return context.t('settings.noNextPrompt');
  return context.t('settings.nextPromptValue', {
    weekday: context.format.weekday(next.weekday),
    date: context.format.date(next.toISODate() ?? ''),
    time: next.toFormat('HH:mm'),
  });
}

async function show(context: CommandContext): Promise<ReplyInput> {
  const { t, locale, format, actor, store } = context;
  const school = await schoolSettings(store, actor.schoolId);
  const paused: BlockInput[] = [];
  const fields = [
    {
      label: t('settings.language'),
      value: t(`settings.languages.${actor.locale ?? school?.defaultLocale ?? 'nl'}`),
    },
  ];
  if (actor.kind === 'student') {
    const me = await studentProfile(store, actor.studentId);
    const weekday = me.promptWeekday ?? school?.promptWeekday ?? defaultPromptSchedule.weekday;
    const time = me.promptTime ?? school?.promptTime ?? defaultPromptSchedule.time;
    const next = await nextPrompt(
      context,
      { weekday, time, timeZone: school?.timeZone ?? context.timeZone },
      me.pausedUntil,
    );
    fields.push(
      {
        label: t('settings.prompt'),
        value:
          t('settings.promptValue', { weekday: format.weekday(weekday), time }) +
          (me.promptWeekday === null && me.promptTime === null ? ` (${t('settings.schoolDefault')})` : ''),
      },
      { label: t('settings.nextPrompt'), value: next },
      {
        label: t('settings.paused'),
        value:
          me.pausedUntil && me.pausedUntil >= context.today
            ? t('settings.pausedUntil', { date: format.date(me.pausedUntil) })
            : t('settings.notPaused'),
      },
    );
    context.auditRead(actor.studentId, { view: 'settings' });
  } else if (school) {
    // Every staff member sees when the school asks; a mentor also how many mentees deviate from it.
    const schedule = { weekday: school.promptWeekday, time: school.promptTime, timeZone: school.timeZone };
    const next = await nextPrompt(context, schedule, null);
    fields.push(
      {
        label: t('settings.schoolPrompt'),
        value: t('settings.promptValue', {
          weekday: format.weekday(school.promptWeekday),
          time: school.promptTime,
        }),
      },
      { label: t('settings.nextPrompt'), value: next },
      { label: t('settings.timeZone'), value: school.timeZone },
    );
    if (actor.roles.includes('mentor')) {
      const mentees = await menteePromptSettings(store, actor.staffId, context.today);
      fields.push({
        label: t('settings.mentees'),
        value: t('settings.menteesValue', {
          own: mentees.ownMoment,
          paused: mentees.paused,
          total: mentees.total,
        }),
      });
      // Who is not asked, and until when: a pause hides a student from the weekly loop.
      const names = await pausedMentees(store, actor.staffId, context.today);
      for (const mentee of names) context.auditRead(mentee.id, { view: 'settings' });
      if (names.length > 0)
        paused.push({
          type: 'list',
          title: t('settings.pausedMentees'),
          items: names.map((mentee) => ({
            text: displayName(mentee),
            detail: t('settings.pausedUntil', { date: format.date(mentee.pausedUntil) }),
          })),
        });
    }
  }
  return {
    locale,
    blocks: [
      { type: 'header', text: t('settings.title') },
      { type: 'fields', fields },
      ...paused,
      {
        type: 'text',
        tone: 'muted',
        text: t(actor.kind === 'student' ? 'settings.hintStudent' : 'settings.hintStaff'),
      },
    ],
  };
}

async function changeOwn(
  context: CommandContext,
  changes: StudentSettingChanges,
  message: string,
): Promise<ReplyInput> {
  const { actor } = context;
  if (actor.kind !== 'student') return refusal(context.t, context.locale, 'settings.studentsOnly');
  await context.change(
    () => updateStudentSettings(context.store, actor.studentId, changes),
    () => [{ studentId: actor.studentId, action: 'update', detail: { settings: Object.keys(changes) } }],
  );
  return { locale: context.locale, blocks: [{ type: 'text', tone: 'success', text: message }] };
}

type PauseUntil = z.output<ReturnType<typeof pauseArg>>;

/** A date from today on, up to `latest`; or the refusal that says why not. */
function pauseEnd(
  context: CommandContext,
  tot: Exclude<PauseUntil, null>,
  latest: string,
  tooLong: { key: string; weeks: number },
): string | ReplyInput {
  const until = resolveDateWords(tot, context.today, 'future');
  if (until === null || until < context.today)
    return refusal(context.t, context.locale, 'settings.pauseInPast');
  if (until > latest)
    return refusal(context.t, context.locale, tooLong.key, {
      weeks: tooLong.weeks,
      date: context.format.date(latest),
    });
  return until;
}

async function pauseOwn(
  context: CommandContext,
  tot: PauseUntil,
  leerling: string | undefined,
): Promise<ReplyInput> {
  if (leerling !== undefined) return refusal(context.t, context.locale, 'settings.pauseOwnOnly');
  if (tot === null) return changeOwn(context, { pausedUntil: null }, context.t('settings.pauseOff'));
  const until = pauseEnd(context, tot, latestPauseEnd(context.today), {
    key: 'settings.pauseTooLong',
    weeks: MAX_PAUSE_WEEKS,
  });
  if (typeof until !== 'string') return until;
  return changeOwn(
    context,
    { pausedUntil: until },
    context.t('settings.pauseOn', { date: context.format.date(until) }),
  );
}

/** A mentor pauses a mentee's prompt, also beyond the six weeks a student may set alone. */
async function pauseMentee(
  context: CommandContext,
  tot: PauseUntil,
  leerling: string | undefined,
): Promise<ReplyInput> {
  const { t, locale } = context;
  if (leerling === undefined) return refusal(t, locale, 'settings.pauseWhichStudent');
  const found = await context.findStudent(leerling, 'pausePrompts');
  if (!found.ok) return found.reply;
  const name = displayName(found.student);
  let pausedUntil: string | null = null;
  if (tot !== null) {
    const until = pauseEnd(context, tot, latestMentorPauseEnd(context.today), {
      key: 'settings.pauseTooLongMentor',
      weeks: MAX_MENTOR_PAUSE_WEEKS,
    });
    if (typeof until !== 'string') return until;
    pausedUntil = until;
  }
  await context.change(
    () => updateStudentSettings(context.store, found.student.id, { pausedUntil }),
    () => [{ studentId: found.student.id, action: 'update', detail: { settings: ['pausedUntil'] } }],
  );
  const message =
    pausedUntil === null
      ? t('settings.pauseOffFor', { name })
      : t('settings.pauseOnFor', { name, date: context.format.date(pausedUntil) });
  return { locale, blocks: [{ type: 'text', tone: 'success', text: message }] };
}

export default command({
  name: 'instellingen',
  aliases: ['settings'],
  actions: [
    action({ name: 'main', who: everyone, args: z.object({}), run: show }),
    action({
      name: 'dag',
      words: ['dag', 'day'],
      who: ['leerling'],
      changes: true,
      positionals: [{ key: 'dag' }],
      args: z.object({ dag: arg.weekday() }),
      run: (context, { dag }) =>
        changeOwn(
          context,
          { promptWeekday: dag },
          context.t('settings.dayChanged', { weekday: context.format.weekday(dag) }),
        ),
    }),
    action({
      name: 'tijd',
      words: ['tijd', 'time'],
      who: ['leerling'],
      changes: true,
      positionals: [{ key: 'tijd' }],
      args: z.object({ tijd: arg.clock() }),
      run: (context, { tijd }) =>
        changeOwn(context, { promptTime: tijd }, context.t('settings.timeChanged', { time: tijd })),
    }),
    action({
      name: 'pauze',
      words: ['pauze', 'pause'],
      who: ['leerling', ...staffAudiencesFor('pausePrompts')],
      changes: true,
      positionals: [{ key: 'tot', rest: true }],
      options: { leerling: { aliases: ['student'] } },
      args: z.object({ tot: pauseArg(), leerling: arg.student().optional() }),
      run: (context, { tot, leerling }) =>
        context.actor.kind === 'staff'
          ? pauseMentee(context, tot, leerling)
          : pauseOwn(context, tot, leerling),
    }),
    action({
      name: 'taal',
      words: ['taal', 'language'],
      who: everyone,
      changes: true,
      positionals: [{ key: 'taal' }],
      args: z.object({
        taal: z
          .string()
          .transform((word) => word.toLowerCase())
          .pipe(z.enum(locales))
          .register(argumentDocs, { expected: 'settings.languageExpected' }),
      }),
      run: async (context, { taal }) => {
        const { actor } = context;
        // Confirmed in the new language: that is the proof it took.
        const message = translator(taal)('settings.languageChanged');
        if (actor.kind === 'student')
          return { ...(await changeOwn(context, { locale: taal }, message)), locale: taal };
        await updateStaffLocale(context.store, actor.staffId, taal);
        return { locale: taal, blocks: [{ type: 'text', tone: 'success', text: message }] };
      },
    }),
    thresholdsAction,
    summarySettingsAction,
  ],
});
