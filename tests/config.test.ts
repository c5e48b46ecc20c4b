import { describe, expect, it } from 'vitest';
import { ConfigError, configVariables, loadConfig } from '../src/config.ts';
import { jobNames } from '../src/jobs/job-names.ts';
import { jobs, withSchedules } from '../src/jobs/registry.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const slackSecret = 'f3a9c0d4e5b6a7980112233445566778';
const teamsId = '0b6f1c2e-3d4a-4b5c-8d9e-0f1a2b3c4d5e';

describe('configuration', () => {
  it('has the defaults of PRODUCT.md with nothing set', () => {
    expect(loadConfig({})).toEqual({
      databasePath: './data/koers.db',
      port: 3978,
      timeZone: 'Europe/Amsterdam',
      locale: 'nl',
      playground: false,
      slack: undefined,
      teams: undefined,
    });
  });

  it('moves the jobs KOERS_SCHEDULE names, and only those', () => {
    const { schedules } = loadConfig({ KOERS_SCHEDULE: ' signals=0 6 * * * ; maintenance=0 2 * * *;' });
    expect(schedules).toEqual({ signals: '0 6 * * *', maintenance: '0 2 * * *' });
    const moved = withSchedules(jobs, schedules);
    expect(moved.find((job) => job.name === 'signals')?.schedule).toBe('0 6 * * *');
    expect(moved.find((job) => job.name === 'maintenance')?.schedule).toBe('0 2 * * *');
    expect(moved.find((job) => job.name === 'reminders')?.schedule).toBe(
      jobs.find((job) => job.name === 'reminders')?.schedule,
    );
    // Every job it can name is one Koers has, and every job Koers has can be named.
    expect(jobs.map((job) => job.name).sort()).toEqual([...jobNames].sort());
    expect(loadConfig({}).schedules).toBeUndefined();
  });

  it('refuses a KOERS_SCHEDULE with an unknown job, a bad expression, a job twice or no pair', () => {
    for (const value of [
      'signalen=0 6 * * *',
      'signals=om zes uur',
      'signals=0 6 * * *;signals=0 7 * * *',
      'signals',
      ';',
    ]) {
      const [problem, ...more] = problems({ KOERS_SCHEDULE: value });
      expect(more).toEqual([]);
      expect(problem).toContain('KOERS_SCHEDULE');
      expect(problem).toContain('weekly-prompts, reminders, signals');
    }
    expect(problems({ KOERS_SCHEDULE: 'signalen=x', KOERS_LOCALE: 'en' })[0]).toMatch(
      /^KOERS_SCHEDULE: .*expected: job=cron expression/,
    );
  });

  it('serves the playground beside a platform with KOERS_PLAYGROUND=1, and refuses another value', () => {
    expect(loadConfig({ KOERS_PLAYGROUND: '1' }).playground).toBe(true);
    expect(loadConfig({ KOERS_PLAYGROUND: '0' }).playground).toBe(false);
    expect(() => loadConfig({ KOERS_PLAYGROUND: 'ja' })).toThrow(/KOERS_PLAYGROUND/);
  });

  it('reads every variable of the contract', () => {
    expect(configVariables).toEqual(
      expect.arrayContaining([
        'KOERS_DB',
        'PORT',
        'KOERS_TZ',
        'KOERS_LOCALE',
        'KOERS_PLAYGROUND',
        'SLACK_SIGNING_SECRET',
        'SLACK_BOT_TOKEN',
        'SLACK_APP_TOKEN',
        'SLACK_API_URL',
        'TEAMS_APP_ID',
        'TEAMS_APP_PASSWORD',
        'TEAMS_TENANT_ID',
      ]),
    );
    const config = loadConfig({
      KOERS_DB: '/var/lib/koers/koers.db',
      PORT: '8080',
      KOERS_TZ: 'Europe/Brussels',
      KOERS_LOCALE: 'en',
      SLACK_SIGNING_SECRET: slackSecret,
      SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      TEAMS_APP_ID: teamsId,
      TEAMS_APP_PASSWORD: 'p@ss',
      TEAMS_TENANT_ID: teamsId,
    });
    expect(config.port).toBe(8080);
    expect(config.slack).toEqual({
      botToken: 'xoxb-1-2-abc',
      signingSecret: slackSecret,
      apiUrl: 'http://127.0.0.1:9999/api/',
    });
    expect(config.teams).toEqual({ appId: teamsId, appPassword: 'p@ss', tenantId: teamsId });
  });

  it('lets --db override KOERS_DB', () => {
    expect(loadConfig({ KOERS_DB: 'a.db' }, { databasePath: 'b.db' }).databasePath).toBe('b.db');
  });

  it.each([
    ['PORT', 'http'],
    ['PORT', '70000'],
    ['PORT', '0x50'],
    ['PORT', '1e3'],
    ['KOERS_TZ', 'Europe/Amsterdamm'],
    ['KOERS_LOCALE', 'fr'],
    ['SLACK_API_URL', 'not a url'],
    ['TEAMS_APP_ID', 'my-bot'],
  ])('names %s when it is %j, with the value and what is expected', (variable, value) => {
    const partners: Record<string, Record<string, string>> = {
      TEAMS_APP_ID: { TEAMS_APP_PASSWORD: 'x', TEAMS_TENANT_ID: teamsId },
      SLACK_API_URL: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: slackSecret },
    };
    const lines = problems({ [variable]: value, ...partners[variable] });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^${variable}: "${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}".*verwacht: `),
    );
  });

  it('says a blank KOERS_DB is no path', () => {
    expect(problems({ KOERS_DB: '' })).toEqual([expect.stringMatching(/^KOERS_DB: .*verwacht: een pad/)]);
  });

  it('gives one line per problem', () => {
    expect(problems({ PORT: 'x', KOERS_LOCALE: 'de', KOERS_TZ: 'Mars/Olympus' })).toHaveLength(3);
  });

  it('never prints a secret, also when it is malformed', () => {
    const secret = 'xoxp-this-is-a-user-token-not-a-bot-token';
    const lines = problems({ SLACK_BOT_TOKEN: secret, SLACK_SIGNING_SECRET: 'too-short' });
    expect(lines.join('\n')).toMatch(/SLACK_BOT_TOKEN/);
    expect(lines.join('\n')).toMatch(/SLACK_SIGNING_SECRET/);
    expect(lines.join('\n')).not.toContain(secret);
    expect(lines.join('\n')).not.toContain('too-short');
  });

  it('names the missing partner of a half-configured platform', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET: /),
    ]);
    expect(problems({ SLACK_SIGNING_SECRET: slackSecret })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: /),
    ]);
    expect(problems({ TEAMS_APP_ID: teamsId })).toEqual([
      expect.stringMatching(/^TEAMS_APP_PASSWORD: /),
      expect.stringMatching(/^TEAMS_TENANT_ID: /),
    ]);
    expect(problems({ TEAMS_APP_ID: teamsId, TEAMS_APP_PASSWORD: 'secret-value' })).toEqual([
      expect.stringMatching(/^TEAMS_TENANT_ID: /),
    ]);
    expect(problems({ TEAMS_APP_PASSWORD: 'secret-value' })).toEqual([
      expect.stringMatching(/^TEAMS_APP_ID: /),
    ]);
  });

  it('does not let one bad value hide a missing partner', () => {
    expect(problems({ PORT: 'abc', SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^SLACK_SIGNING_SECRET: /),
    ]);
    expect(problems({ SLACK_API_URL: 'http://127.0.0.1:1/api/' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: /),
    ]);
  });

  it('accepts Socket Mode without a signing secret', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack).toEqual({
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
    });
  });

  it('treats blank optional variables as not set', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', TEAMS_APP_ID: '', PORT: '' }).port).toBe(3978);
  });

  it('speaks English when KOERS_LOCALE is en', () => {
    expect(problems({ KOERS_LOCALE: 'en', PORT: 'x' })).toEqual([
      expect.stringMatching(/^PORT: "x" is not a valid value; expected: /),
    ]);
  });
});
