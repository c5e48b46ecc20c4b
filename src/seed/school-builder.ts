/**
 * Writes one school, its people and their history through bulk inserters.
 *
 * Everything is drawn from one seeded `Random` in a fixed order, and every id comes from the
 * `SeedWriter`, so the same options give the same rows. Named students (the demo stories) take their plan's
 * answers where the plan has them and drawn values everywhere else.
 */
import type { DateTime } from 'luxon';
import { CLOSED, decisionCloses, RUNNING } from '../domain/arrangement.ts';
import {
  arrangementStrategies,
  challengeAnswers,
  conversationKinds,
  goalCategories,
  learningStrategies,
} from '../domain/enums.ts';
import { ACHIEVED, OPEN } from '../domain/goal.ts';
import { COMPLETED, TAKING } from '../domain/part-a-status.ts';
import { defaultPromptSchedule, type PromptedWeek, promptedWeeksUpTo } from '../domain/prompt-calendar.ts';
import { promptExpiresAt, reminderDueAt } from '../domain/prompt-due.ts';
import { SCALE } from '../domain/reflection.ts';
import { CORE_SUBJECTS, EXAM_YEAR, WORD_GRADED } from './curriculum.ts';
import { emailPart, familyNames, firstNames } from './names.ts';
import type { GroupSpec, ReflectionOverride, SchoolSpec, StudentPlan } from './plans.ts';
import type { Random } from './random.ts';
import type { SeedWriter } from './seed-writer.ts';
import { conversationSummaries, goalTitles, nextStepTexts, wentWellTexts } from './texts.ts';

/** A prompted week with its instants precomputed once: millions of rows reuse them. */
type WeekMoment = PromptedWeek & {
  promptedIso: string;
  promptedMs: number;
  expiresIso: string;
  reminderMs: number;
};

const round1 = (value: number) => Math.round(value * 10) / 10;

export class SchoolBuilder {
  private readonly weeks: WeekMoment[];
  private readonly nowMs: number;
  /** When the school and its students joined Koers: before the first seeded prompt. */
  private readonly joinedAt: string;
  /** The calendar year in which the current school year ends. */
  private readonly schoolYearEnd: number;

  constructor(
    private readonly w: SeedWriter,
    private readonly r: Random,
    private readonly now: DateTime,
    weekCount: number,
    private readonly spec: SchoolSpec,
  ) {
    this.weeks = promptedWeeksUpTo(now, weekCount, defaultPromptSchedule, spec.holidays).map((week) => {
      const promptedMs = week.promptedAt.toMillis();
      return {
        ...week,
        promptedIso: new Date(promptedMs).toISOString(),
        promptedMs,
        expiresIso: this.instant(promptExpiresAt(week.promptedAt)),
        reminderMs: reminderDueAt(week.promptedAt).toMillis(),
      };
    });
    this.nowMs = now.toMillis();
    const firstPrompt = this.weeks.at(-1)?.promptedAt ?? now;
    this.joinedAt = this.instant(firstPrompt.minus({ weeks: 4 }));
    this.schoolYearEnd = now.month >= 8 ? now.year + 1 : now.year;
  }

  private instant(moment: DateTime): string {
    return new Date(moment.toMillis()).toISOString();
  }

  private date(moment: DateTime): string {
    return moment.setZone(defaultPromptSchedule.timeZone).toISODate() ?? '';
  }

  /** The date a conversation or goal in prompted week `index` happened: the Wednesday before the prompt. */
  private weekDate(index: number): { date: string; instant: string } {
    const week = this.weeks[Math.min(index, this.weeks.length - 1)] as WeekMoment;
    const moment = week.promptedAt.minus({ days: 2 }).set({ hour: 10 });
    return { date: this.date(moment), instant: this.instant(moment) };
  }

  /** Writes as it goes (`SeedWriter.write`) between students; the caller flushes the rest. */
  async build(): Promise<void> {
    const { w, spec } = this;
    const schoolId = w.nextId('school');
    const createdAt = this.joinedAt;
    // Named people keep their addresses: no drawn student may take one first.
    for (const plan of spec.namedStudents) w.claimEmail(plan.email);
    w.insert.schools.add({ id: schoolId, name: spec.name, region: spec.region, createdAt });
    for (const holiday of spec.holidays) {
      w.insert.schoolHolidays.add({ id: w.nextId('holiday'), schoolId, ...holiday });
    }

    const teamIds = new Map<string, number>();
    for (const team of new Set(spec.groups.map((g) => g.team))) {
      const id = w.nextId('team');
      teamIds.set(team, id);
      w.insert.teams.add({ id, schoolId, name: team });
    }
    const groupIds = new Map<string, { id: number; spec: GroupSpec }>();
    for (const group of spec.groups) {
      const id = w.nextId('group');
      groupIds.set(group.name, { id, spec: group });
      const { team, ...fields } = group;
      w.insert.groups.add({ id, schoolId, teamId: teamIds.get(team) ?? null, ...fields });
    }

    const mentorOf = new Map<string, number>();
    for (const person of spec.staff) {
      const staffId = w.nextId('staff');
      w.claimEmail(person.email);
      w.insert.staff.add({ id: staffId, schoolId, name: person.name, email: person.email, createdAt });
      for (const role of person.roles) {
        const teamId = role === 'teamleider' && person.leads ? (teamIds.get(person.leads) ?? null) : null;
        w.insert.staffRoles.add({ id: w.nextId('role'), staffId, role, teamId });
      }
      if (person.mentorOf) {
        const group = groupIds.get(person.mentorOf);
        if (group) {
          mentorOf.set(person.mentorOf, staffId);
          w.insert.groupMentors.add({ groupId: group.id, staffId });
        }
      }
      for (const lesson of person.teaches ?? []) {
        const group = groupIds.get(lesson.group);
        if (group) w.insert.groupTeachers.add({ groupId: group.id, staffId, subject: lesson.subject });
      }
      this.link('staff', staffId, person.email, createdAt);
    }

    await w.write();

    const perGroup = Math.floor(spec.studentCount / spec.groups.length);
    const remainder = spec.studentCount % spec.groups.length;
    for (const [index, group] of spec.groups.entries()) {
      const { id: groupId } = groupIds.get(group.name) as { id: number };
      const mentorId = mentorOf.get(group.name) ?? null;
      const named = spec.namedStudents.filter((s) => s.group === group.name);
      for (const plan of named) {
        this.student(schoolId, groupId, group, mentorId, plan);
        await w.write();
      }
      for (let i = named.length; i < perGroup + (index < remainder ? 1 : 0); i += 1) {
        this.student(schoolId, groupId, group, mentorId, this.drawStudent(group.name));
        await w.write();
      }
    }

    if (spec.indicators && spec.indicatorTeam) {
      const teamId = teamIds.get(spec.indicatorTeam);
      if (teamId !== undefined) {
        spec.indicators.forEach((entry, i) => {
          w.insert.teamIndicators.add({
            teamId,
            position: i + 1,
            indicator: entry.indicator,
            target: entry.target,
          });
        });
      }
    }
    if (spec.staffChannel) {
      w.insert.subscriptions.add({
        id: w.nextId('subscription'),
        platform: 'local',
        workspaceId: spec.workspace,
        channelId: spec.staffChannel.channel,
        scope: 'team',
        schoolId,
        teamId: teamIds.get(spec.staffChannel.team) ?? null,
        isStaffChannel: true,
        createdAt,
      });
    }
  }

  private link(kind: 'staff' | 'student', id: number, email: string, linkedAt: string): void {
    this.w.insert.platformIdentities.add({
      id: this.w.nextId('identity'),
      platform: 'local',
      workspaceId: this.spec.workspace,
      userId: email,
      personKind: kind,
      staffId: kind === 'staff' ? id : null,
      studentId: kind === 'student' ? id : null,
      linkedAt,
    });
  }

  private drawStudent(group: string): StudentPlan {
    const first = this.r.pick(firstNames);
    const family = this.r.pick(familyNames);
    const base = `${emailPart(first)}.${emailPart(`${family.prefix ?? ''}${family.name}`)}`;
    return {
      firstName: first,
      ...(family.prefix && { lastNamePrefix: family.prefix }),
      lastName: family.name,
      email: this.w.uniqueEmail(base, this.spec.studentEmailDomain),
      group,
    };
  }

  private student(
    schoolId: number,
    groupId: number,
    group: GroupSpec,
    mentorId: number | null,
    plan: StudentPlan,
  ): void {
    const { w, r } = this;
    const studentId = w.nextId('student');
    const createdAt = this.joinedAt;
    w.insert.students.add({
      id: studentId,
      schoolId,
      groupId,
      mentorId,
      firstName: plan.firstName,
      lastNamePrefix: plan.lastNamePrefix ?? null,
      lastName: plan.lastName,
      email: plan.email,
      onderwijssoort: group.onderwijssoort,
      leerjaar: group.leerjaar,
      createdAt,
    });
    this.link('student', studentId, plan.email, createdAt);
    this.enrolments(studentId, group, plan);
    this.activitiesOf(studentId, plan);
    const conversationIds = this.conversations(studentId, mentorId);
    const openGoals = this.goals(studentId, mentorId, conversationIds[0]);
    for (const arrangement of plan.arrangements ?? [])
      this.arrangement(studentId, mentorId, arrangement(this.now));
    if (!plan.arrangements && r.chance(0.06)) this.drawnArrangement(studentId, mentorId);
    this.reflections(studentId, plan, openGoals);
  }

  private enrolments(studentId: number, group: GroupSpec, plan: StudentPlan): void {
    const { w, r } = this;
    const ability = 5.6 + r.next() * 2.4;
    const own = group.onderwijssoort;
    const early = new Map((plan.completedEarly ?? []).map((e) => [e.subject, e]));
    const other = new Map((plan.higherLevel ?? []).map((e) => [e.subject, e]));
    const subjects = [...new Set([...CORE_SUBJECTS[own], ...other.keys()])];
    // A subject at another level is still examined with the student's own diploma.
    const examYear = this.schoolYearEnd + Math.max(0, EXAM_YEAR[own] - group.leerjaar);
    for (const subject of subjects) {
      if (early.has(subject)) continue;
      const higher = other.get(subject);
      const level = higher?.level ?? own;
      const drawn = round1(Math.min(9.5, Math.max(4.6, ability + (r.next() - 0.5) * 2)));
      const word = WORD_GRADED.has(subject) ? (r.chance(0.3) ? 'goed' : 'voldoende') : null;
      w.insert.subjectEnrolments.add({
        id: w.nextId('enrolment'),
        studentId,
        subject,
        level,
        moment: `${examYear}-06`,
        resultGrade: word ? null : (higher?.grade ?? drawn),
        resultWord: word,
        status: TAKING,
      });
    }
    for (const done of early.values()) {
      w.insert.subjectEnrolments.add({
        id: w.nextId('enrolment'),
        studentId,
        subject: done.subject,
        level: done.level,
        moment: `${this.schoolYearEnd - done.yearsAgo}-06`,
        resultGrade: done.grade,
        status: COMPLETED,
      });
    }
  }

  private activitiesOf(studentId: number, plan: StudentPlan): void {
    const { w } = this;
    const schoolYear = `${this.schoolYearEnd - 1}-${this.schoolYearEnd}`;
    for (const activity of plan.activities ?? []) {
      const id = w.nextId('activity');
      w.insert.activities.add({ id, studentId, kind: activity.kind, title: activity.title, schoolYear });
      for (const competence of activity.competences)
        w.insert.activityCompetences.add({ activityId: id, competence });
    }
  }

  /** Coach conversations in prompted weeks 8, 5 and 2; returns their ids, oldest first. */
  private conversations(studentId: number, mentorId: number | null): number[] {
    const { w, r } = this;
    const ids: number[] = [];
    for (const week of [8, 5, 2]) {
      if (week >= this.weeks.length) continue;
      const id = w.nextId('conversation');
      const when = this.weekDate(week);
      const kind = week === 8 && r.chance(0.3) ? 'driehoeksgesprek' : conversationKinds[0];
      w.insert.conversations.add({
        id,
        studentId,
        kind,
        date: when.date,
        loggedById: mentorId,
        summary: r.pick(conversationSummaries),
        createdAt: when.instant,
      });
      w.insert.conversationParticipants.add({
        id: w.nextId('participant'),
        conversationId: id,
        kind: 'leerling',
      });
      w.insert.conversationParticipants.add({
        id: w.nextId('participant'),
        conversationId: id,
        kind: 'medewerker',
        staffId: mentorId,
      });
      if (kind === 'driehoeksgesprek') {
        w.insert.conversationParticipants.add({
          id: w.nextId('participant'),
          conversationId: id,
          kind: 'ouder',
        });
      }
      ids.push(id);
    }
    return ids;
  }

  /** One achieved goal from earlier and two open ones from the oldest conversation; returns the open goals. */
  private goals(studentId: number, mentorId: number | null, conversationId: number | undefined) {
    const { w, r } = this;
    const setAt = this.weekDate(8);
    const earlier = this.now.minus({ weeks: 20 });
    const achievedCategory = r.pick(goalCategories);
    w.insert.goals.add({
      id: w.nextId('goal'),
      studentId,
      title: r.pick(goalTitles[achievedCategory]),
      category: achievedCategory,
      origin: 'coachgesprek',
      createdById: mentorId,
      targetDate: this.date(earlier.plus({ weeks: 6 })),
      status: ACHIEVED,
      createdAt: this.instant(earlier),
      closedAt: this.instant(earlier.plus({ weeks: 5 })),
    });
    const open: { id: number; createdMs: number }[] = [];
    const categories = new Set<(typeof goalCategories)[number]>();
    while (categories.size < 2) categories.add(r.pick(goalCategories));
    for (const category of categories) {
      const id = w.nextId('goal');
      w.insert.goals.add({
        id,
        studentId,
        title: r.pick(goalTitles[category]),
        category,
        origin: conversationId ? 'coachgesprek' : 'eigen',
        conversationId: conversationId ?? null,
        createdById: mentorId,
        targetDate: this.date(this.now.plus({ weeks: r.int(3, 12) })),
        createdAt: setAt.instant,
      });
      open.push({ id, createdMs: Date.parse(setAt.instant) });
    }
    return open;
  }

  private drawnArrangement(studentId: number, mentorId: number | null): void {
    const { r } = this;
    const strategy = r.pick(arrangementStrategies);
    this.arrangement(studentId, mentorId, {
      strategy,
      form:
        strategy === 'verrijken'
          ? 'plusklas'
          : strategy === 'intensiveren'
            ? 'extra-ondersteuning-opp'
            : 'in-de-klas',
      description: null,
      supportLevel: strategy === 'intensiveren' ? 2 : 1,
      startWeeksAgo: r.int(4, 16),
      evaluationIntervalWeeks: 8,
      nextEvaluation: this.now.plus({ weeks: r.int(1, 6) }),
      status: RUNNING,
      evaluations: [],
      goal: { title: r.pick(goalTitles.vak), category: 'vak' },
    });
  }

  private arrangement(
    studentId: number,
    ownerId: number | null,
    plan: ReturnType<NonNullable<StudentPlan['arrangements']>[number]>,
  ): void {
    const { w } = this;
    const id = w.nextId('arrangement');
    const start = this.now.minus({ weeks: plan.startWeeksAgo });
    const closing = plan.evaluations.find((e) => decisionCloses(e.decision));
    w.insert.arrangements.add({
      id,
      studentId,
      strategy: plan.strategy,
      form: plan.form,
      description: plan.description ?? null,
      supportLevel: plan.supportLevel,
      ownerId,
      startDate: this.date(start),
      plannedEndDate: plan.plannedEnd ? this.date(plan.plannedEnd) : this.date(start.plus({ weeks: 40 })),
      evaluationIntervalWeeks: plan.evaluationIntervalWeeks,
      nextEvaluationDate: plan.nextEvaluation ? this.date(plan.nextEvaluation) : null,
      status: plan.status,
      closedOn:
        plan.status === CLOSED && closing ? this.date(this.now.minus({ weeks: closing.weeksAgo })) : null,
      createdAt: this.instant(start.minus({ weeks: 1 })),
    });
    const goalId = w.nextId('goal');
    w.insert.goals.add({
      id: goalId,
      studentId,
      title: plan.goal.title,
      category: plan.goal.category,
      subject: plan.goal.subject ?? null,
      origin: 'driehoeksgesprek',
      createdById: ownerId,
      targetDate: this.date(start.plus({ weeks: plan.evaluationIntervalWeeks * 2 })),
      status: plan.goal.achieved ? ACHIEVED : OPEN,
      createdAt: this.instant(start.minus({ weeks: 1 })),
      closedAt: plan.goal.achieved ? this.instant(this.now.minus({ weeks: 20 })) : null,
    });
    w.insert.arrangementGoals.add({ arrangementId: id, goalId });
    for (const evaluation of plan.evaluations) {
      const at = this.now.minus({ weeks: evaluation.weeksAgo });
      w.insert.arrangementEvaluations.add({
        id: w.nextId('evaluation'),
        arrangementId: id,
        date: this.date(at),
        byId: ownerId,
        goalsMet: evaluation.goalsMet,
        decision: evaluation.decision,
        note: evaluation.note ?? null,
        createdAt: this.instant(at),
      });
    }
  }

  private reflections(
    studentId: number,
    plan: StudentPlan,
    openGoals: { id: number; createdMs: number }[],
  ): void {
    const { w, r } = this;
    // Steady baselines: most drawn students stay clear of the signal thresholds, though a few cross
    // one by chance, as in a real school. The named stories cross them on purpose.
    const wellbeing = 3.6 + r.next() * 1.2;
    const motivation = 3.5 + r.next() * 1.2;
    const grip = 2.8 + r.next() * 1.8;
    const easy = r.next() * 0.12;
    const hard = r.next() * 0.12;
    let missedPrevious = false;
    for (let week = this.weeks.length - 1; week >= 0; week -= 1) {
      const moment = this.weeks[week] as WeekMoment;
      const planned = plan.reflections?.(week);
      const missed: boolean =
        planned === 'missed' || (planned === undefined && !missedPrevious && week > 1 && r.chance(0.05));
      const elapsedMs = this.nowMs - moment.promptedMs;
      const drawnDelayMs = r.int(3, 2400) * 60_000;
      // Nothing happens after "now": a story's answer is always in by then; a drawn student who
      // would answer later has simply not answered yet, and no reminder is sent before its time.
      const delayMs =
        typeof planned === 'object' ? Math.min(drawnDelayMs, Math.floor(elapsedMs * 0.9)) : drawnDelayMs;
      const answered = !missed && delayMs <= elapsedMs;
      const { reminderMs } = moment;
      w.insert.prompts.add({
        id: w.nextId('prompt'),
        studentId,
        isoWeek: moment.isoWeek,
        promptedAt: moment.promptedIso,
        remindedAt:
          reminderMs <= this.nowMs && (!answered || moment.promptedMs + delayMs > reminderMs)
            ? new Date(reminderMs).toISOString()
            : null,
        expiresAt: moment.expiresIso,
      });
      missedPrevious = missed;
      if (!answered) continue;
      const roll = r.next();
      const drawn: Required<Omit<ReflectionOverride, 'wentWell' | 'nextStep'>> = {
        welbevinden: r.around(wellbeing, 0.9, SCALE.min, SCALE.max),
        motivatie: r.around(motivation, 0.9, SCALE.min, SCALE.max),
        grip: r.around(grip, 1, SCALE.min, SCALE.max),
        uitdaging:
          roll < easy ? challengeAnswers[0] : roll > 1 - hard ? challengeAnswers[2] : challengeAnswers[1],
        wantsTalk: false,
      };
      const writes = r.chance(0.35);
      const answer = {
        ...drawn,
        wentWell: writes ? r.pick(wentWellTexts) : null,
        nextStep: writes ? r.pick(nextStepTexts) : null,
        ...(typeof planned === 'object' ? planned : {}),
      };
      const reflectionId = w.nextId('reflection');
      w.insert.reflections.add({
        id: reflectionId,
        studentId,
        isoWeek: moment.isoWeek,
        ...answer,
        learningStrategy: r.chance(0.4) ? r.pick(learningStrategies) : null,
        channel: 'local',
        submittedAt: new Date(moment.promptedMs + delayMs).toISOString(),
      });
      const steps = ['nog-niet', 'een-beetje', 'goed-op-weg'] as const;
      for (const goal of openGoals) {
        if (goal.createdMs > moment.promptedMs) continue;
        const sinceGoal = Math.floor((moment.promptedMs - goal.createdMs) / (7 * 86_400_000));
        w.insert.reflectionGoalProgress.add({
          reflectionId,
          goalId: goal.id,
          progress: steps[Math.min(steps.length - 1, Math.floor(sinceGoal / 3))] ?? 'nog-niet',
        });
      }
    }
  }
}
