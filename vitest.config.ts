import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit`, for the inner loop (`npm run test:unit`): everything that runs in the test
 * process. `e2e` (`npm run test:e2e`): tests that start `koers` as a child process, serve HTTP to
 * fake Slack and Teams, render every reply there is on every platform, or walk the whole demo
 * school. `npm test` runs both.
 */
const e2e = [
  // `node bin/koers.js` as a child process
  'tests/start.test.ts',
  'tests/light-start.test.ts',
  'tests/outbox.test.ts',
  'tests/backup.test.ts',
  // sets the process umask, which worker threads cannot
  'tests/file-modes.test.ts',
  // HTTP against fake platforms, in real time
  'tests/outbox-rate.test.ts',
  'tests/slack.test.ts',
  'tests/slack-hardening.test.ts',
  'tests/teams.test.ts',
  'tests/teams-auth.test.ts',
  'tests/link.test.ts',
  'tests/http-aborted.test.ts',
  // the local playground over HTTP, and in a real browser (chromium, axe)
  'tests/playground.test.ts',
  'tests/playground-browser.test.ts',
  // every reply and form of every demo persona, or of generated replies, on each platform
  'tests/block-kit.test.ts',
  'tests/adaptive-card.test.ts',
  'tests/render-every-text.test.ts',
  // walks over the whole demo school: every command × persona × relationship, every hint, any query
  'tests/permissions.test.ts',
  'tests/hints-for-role.test.ts',
  'tests/right-student.test.ts',
  'tests/opaque-payloads.test.ts',
  // a throwaway PostgreSQL (tests/support/postgres.ts): the copy, both dialects side by side, the
  // shared scheduler, and two `koers start` processes on one database
  'tests/db-copy.test.ts',
  'tests/dialect-parity.test.ts',
  'tests/shared-scheduler.test.ts',
  'tests/two-instances.test.ts',
];

/**
 * Tests that take their school from `freshDemoStore()` (tests/support/demo.ts) and read it with
 * tests/support/store-sql.ts run a second time with the store on PostgreSQL
 * (`KOERS_TEST_DIALECT=postgres`): every reply and form of every demo persona rendered for Slack
 * and Teams, the writes and their rollback, the reads, reflections, signals (sweep, commands,
 * digest, escalation), summaries and their job, thresholds, subscriptions, weekly prompts, the
 * store's constraints, the seed, permissions, erasure, export and retention, roster imports, the
 * router, the playground, Slack and Teams over HTTP, linking. What stays SQLite's own (pragmas,
 * the file, its migrator, backup) runs once, in the first run. Beside them, tests/dialect-parity.test.ts compares the two dialects' answers and rows directly.
 */
const onPostgres = [
  'tests/outbox-pause.test.ts',
  'tests/request-reads.test.ts',
  'tests/block-kit.test.ts',
  'tests/adaptive-card.test.ts',
  'tests/argument-forms.test.ts',
  'tests/slack-socket-mode.test.ts',
  'tests/summary-command.test.ts',
  'tests/threshold-settings.test.ts',
  'tests/weekly-prompts.test.ts',
  'tests/summaries-job.test.ts',
  'tests/signals-sweep.test.ts',
  'tests/signal-escalation.test.ts',
  'tests/signal-digest.test.ts',
  'tests/changes.test.ts',
  'tests/mentor-reads.test.ts',
  'tests/read-commands.test.ts',
  'tests/reflection.test.ts',
  'tests/signal-commands.test.ts',
  'tests/subscriptions.test.ts',
  'tests/import-roster.test.ts',
  'tests/import-oneroster.test.ts',
  'tests/import-holidays.test.ts',
  'tests/import-left-school.test.ts',
  'tests/playground.test.ts',
  'tests/typing-mistakes.test.ts',
  'tests/router.test.ts',
  'tests/turn.test.ts',
  'tests/outcome.test.ts',
  'tests/summary-settings.test.ts',
  'tests/hints-for-role.test.ts',
  'tests/words.test.ts',
  'tests/indicators-demo.test.ts',
  'tests/ask.test.ts',
  'tests/teams-auth.test.ts',
  'tests/slack.test.ts',
  'tests/teams.test.ts',
  'tests/link.test.ts',
  'tests/slack-hardening.test.ts',
  'tests/store.test.ts',
  'tests/seed.test.ts',
  'tests/permissions.test.ts',
  'tests/right-student.test.ts',
  'tests/opaque-payloads.test.ts',
  'tests/erasure.test.ts',
  'tests/retention.test.ts',
  'tests/student-export.test.ts',
  'tests/mentions.test.ts',
  'tests/refusal-audit.test.ts',
  'tests/http-aborted.test.ts',
  'tests/outbox-lanes.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The demo school is seeded once per run; tests copy it (tests/support/demo.ts).
    // A throwaway PostgreSQL starts in the background for the tests that need it (tests/support/postgres.ts).
    globalSetup: ['tests/support/demo-template.ts', 'tests/support/postgres.ts'],
    setupFiles: ['tests/support/setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: e2e,
          // Worker threads, and the modules loaded once per worker rather than once per test file.
          pool: 'threads',
          isolate: false,
          // Vitest's default leaves one core free: on two cores (CI) that is one file at a time. The
          // end-to-end tests keep that default: their child processes and servers need the other core.
          maxWorkers: availableParallelism(),
          // `npm test` runs the unit tests first, then the end-to-end ones.
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'e2e', include: e2e, sequence: { groupOrder: 1 } } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: onPostgres,
          // Every persona's every reply over a database server takes longer than over a file.
          testTimeout: 120_000,
          env: { KOERS_TEST_DIALECT: 'postgres' },
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
