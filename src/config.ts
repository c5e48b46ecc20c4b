/**
 * The environment contract of PRODUCT.md section 5, read and validated once at start-up.
 *
 * A wrong value stops Koers with one line per problem: the variable, what was wrong, what is
 * expected. Values of secrets are never repeated in those lines.
 */
import cron from 'node-cron';
import { z } from 'zod';
import { type Locale, locales } from './domain/enums.ts';
import { type Translator, translator } from './i18n/translate.ts';
import { type JobName, jobNames } from './jobs/job-names.ts';

// DATABASE_URL may carry the database password.
const SECRETS = new Set([
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'TEAMS_APP_PASSWORD',
  'DATABASE_URL',
]);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * KOERS_SCHEDULE: `job=cron` pairs separated by `;`, e.g. `signals=0 6 * * *;maintenance=0 2 * * *`
 * (a board moves a job into its own night window). Each job at most once; each expression a cron
 * expression node-cron takes (five fields, or six with seconds).
 */
const schedulesSchema = z
  .string()
  .transform((text) =>
    text
      .split(';')
      .map((pair) => pair.trim())
      .filter((pair) => pair !== '')
      .map((pair) => {
        const at = pair.indexOf('=');
        return at < 0 ? [pair, ''] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      }),
  )
  .pipe(
    z
      .array(z.tuple([z.enum(jobNames), z.string().refine((expression) => cron.validate(expression))]))
      .min(1)
      .refine((pairs) => new Set(pairs.map(([name]) => name)).size === pairs.length),
  )
  .transform((pairs) => Object.fromEntries(pairs) as Partial<Record<JobName, string>>);

/** Blank variables (`SLACK_BOT_TOKEN=` in an env file) count as not set. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const envSchema = z.object({
  KOERS_DB: z.string().min(1).default('./data/koers.db'),
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/ })),
  PORT: optional(
    z
      .string()
      .regex(/^\d{1,5}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(65535)),
  ).default(3978),
  KOERS_TZ: optional(z.string().refine(isTimeZone)).default('Europe/Amsterdam'),
  KOERS_LOCALE: optional(z.enum(locales)).default('nl'),
  KOERS_OUTBOX_RATE: optional(
    z
      .string()
      .regex(/^\d{1,4}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(1000)),
  ),
  KOERS_PLAYGROUND: optional(z.enum(['0', '1'])),
  KOERS_JOB_TAKEOVER_SECONDS: optional(
    z
      .string()
      .regex(/^\d{1,5}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(86400)),
  ),
  KOERS_SCHEDULE: optional(schedulesSchema),
  SLACK_SIGNING_SECRET: optional(z.string().min(16)),
  SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-[\w-]+$/)),
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-[\w-]+$/)),
  SLACK_API_URL: optional(z.url({ protocol: /^https?$/ })),
  TEAMS_APP_ID: optional(z.uuid()),
  TEAMS_APP_PASSWORD: optional(z.string().min(1)),
  TEAMS_TENANT_ID: optional(z.uuid()),
});

type Env = z.output<typeof envSchema>;
type Raw = Partial<Record<keyof Env, string>>;

/**
 * Variables that only make sense together, judged on what is set (not on whether it parsed),
 * so that one bad value does not hide a missing partner.
 */
function pairingProblems(raw: Raw): { variable: keyof Env; message: string }[] {
  const set = (name: keyof Env) => raw[name] !== undefined && raw[name] !== '';
  const problems: { variable: keyof Env; message: string }[] = [];
  const requires = (present: keyof Env, missing: keyof Env) => {
    if (set(present) && !set(missing)) problems.push({ variable: missing, message: `needs:${present}` });
  };
  // HTTP mode verifies requests with the signing secret; Socket Mode needs the app token instead.
  if (set('SLACK_BOT_TOKEN') && !set('SLACK_SIGNING_SECRET') && !set('SLACK_APP_TOKEN')) {
    problems.push({ variable: 'SLACK_SIGNING_SECRET', message: 'slackMode' });
  }
  requires('SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN');
  requires('SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN');
  requires('SLACK_API_URL', 'SLACK_BOT_TOKEN');
  requires('TEAMS_APP_ID', 'TEAMS_APP_PASSWORD');
  // One school, one Microsoft 365 tenant: a bot any tenant could talk to would believe any
  // tenant's directory about who someone is.
  requires('TEAMS_APP_ID', 'TEAMS_TENANT_ID');
  requires('TEAMS_APP_PASSWORD', 'TEAMS_APP_ID');
  requires('TEAMS_TENANT_ID', 'TEAMS_APP_ID');
  return problems;
}

export const configVariables = Object.keys(envSchema.shape) as (keyof Env)[];

/** The shape the rest of Koers reads: grouped per concern, a platform present only when configured. */
function toConfig(e: Env) {
  return {
    databasePath: e.KOERS_DB,
    /** Set: the school's data is in this PostgreSQL database, and KOERS_DB is not used (docs/postgres.md). */
    ...(e.DATABASE_URL !== undefined && { databaseUrl: e.DATABASE_URL }),
    port: e.PORT,
    timeZone: e.KOERS_TZ,
    locale: e.KOERS_LOCALE,
    /**
     * The most messages a second the outbox sends to one workspace (a ceiling: below it, the rate
     * is learned from the platform's answers); unset: the senders' default ceiling of 1000.
     */
    ...(e.KOERS_OUTBOX_RATE !== undefined && { outboxRate: e.KOERS_OUTBOX_RATE }),
    /** The local playground beside a configured platform (for staff training); always on without one. */
    playground: e.KOERS_PLAYGROUND === '1',
    /**
     * With PostgreSQL: how long a job's run may last before another Koers process takes it over
     * (`shared-scheduler.ts`); unset: 15 minutes.
     */
    ...(e.KOERS_JOB_TAKEOVER_SECONDS !== undefined && { jobTakeoverSeconds: e.KOERS_JOB_TAKEOVER_SECONDS }),
    /** Jobs whose schedule the school moved (`withSchedules` in src/jobs/registry.ts); the rest keep their own. */
    ...(e.KOERS_SCHEDULE !== undefined && { schedules: e.KOERS_SCHEDULE }),
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          ...(e.SLACK_SIGNING_SECRET && { signingSecret: e.SLACK_SIGNING_SECRET }),
          ...(e.SLACK_APP_TOKEN && { appToken: e.SLACK_APP_TOKEN }),
          ...(e.SLACK_API_URL && { apiUrl: e.SLACK_API_URL }),
        }
      : undefined,
    teams:
      e.TEAMS_APP_ID && e.TEAMS_APP_PASSWORD && e.TEAMS_TENANT_ID
        ? { appId: e.TEAMS_APP_ID, appPassword: e.TEAMS_APP_PASSWORD, tenantId: e.TEAMS_TENANT_ID }
        : undefined,
  };
}

export type Config = ReturnType<typeof toConfig>;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

function describeProblem(t: Translator, variable: string, given: unknown, message: string): string {
  const expected = t(`config.expected.${variable}`);
  if (message.startsWith('needs:') || message === 'slackMode') {
    const reason =
      message === 'slackMode' ? t('config.slackMode') : t('config.needs', { other: message.slice(6) });
    return t('config.problemMissing', { variable, reason, expected });
  }
  if (given === undefined)
    return t('config.problemMissing', { variable, reason: t('config.notSet'), expected });
  if (SECRETS.has(variable)) return t('config.problemSecret', { variable, expected });
  return t('config.problemValue', { variable, value: JSON.stringify(String(given)), expected });
}

/**
 * The locale for messages given before the configuration is known (its own problems, CLI help):
 * KOERS_LOCALE when it is a valid locale, else Dutch.
 */
export function messageLocale(env: Record<string, string | undefined>): Locale {
  return env.KOERS_LOCALE === 'en' ? 'en' : 'nl';
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: { databasePath?: string } = {},
): Config {
  const source: Record<string, string | undefined> = {
    ...env,
    // A file named on the command line (`--db`) is the database, whatever DATABASE_URL says.
    ...(overrides.databasePath !== undefined && {
      KOERS_DB: overrides.databasePath,
      DATABASE_URL: undefined,
    }),
  };
  const picked: Raw = Object.fromEntries(configVariables.map((name) => [name, source[name]]));
  const parsed = envSchema.safeParse(picked);
  const issues = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ variable: String(i.path[0]), message: i.message }))),
    ...pairingProblems(picked),
  ];
  if (!parsed.success || issues.length > 0) {
    const t = translator(messageLocale(source));
    const problems = issues.map(({ variable, message }) =>
      describeProblem(t, variable, picked[variable as keyof Env], message),
    );
    throw new ConfigError([...new Set(problems)]);
  }
  return toConfig(parsed.data);
}
