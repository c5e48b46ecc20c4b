/**
 * `npm start`: migrate, seed the demo school into an empty database when no platform is
 * configured, serve HTTP, and run the scheduler until SIGINT or SIGTERM.
 */
import type { Server } from 'node:http';
import type { Config } from '../config.ts';
import { loadCommands } from '../engine/registry.ts';
import type { Translator } from '../i18n/translate.ts';
import { UserError } from '../i18n/user-error.ts';
import { jobs } from '../jobs/registry.ts';
import { type Scheduler, startScheduler } from '../jobs/scheduler.ts';
import { log } from '../log.ts';
import type { SlackAdapter } from '../platforms/slack/slack-adapter.ts';
import { SLACK_EVENTS_PATH } from '../platforms/slack/slack-events-path.ts';
import { TEAMS_MESSAGES_PATH } from '../platforms/teams/teams-messages-path.ts';
import { seedDemo, today } from '../seed/seed.ts';
import { healthRoute } from '../server/health.ts';
import { createHttpServer, listen } from '../server/http-server.ts';
import { closeStore, openStore, type Store } from '../store/database.ts';
import { holdsSchoolData } from '../store/emptiness.ts';
import { migrateStore } from '../store/migrations.ts';
import { delivery } from './delivery.ts';

export type Running = { port: number; stop(): Promise<void> };

export async function start(config: Config, t: Translator, say: (line: string) => void): Promise<Running> {
  const store: Store = openStore(config.databasePath, { create: true });
  let server: Server | undefined;
  let scheduler: Scheduler | undefined;
  let slack: SlackAdapter | undefined;
  const stop = async () => {
    await scheduler?.stop();
    await slack?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    closeStore(store);
  };
  try {
    const applied = migrateStore(store);
    if (applied > 0) say(t('start.migrated', { count: applied }));
    const localMode = !config.slack && !config.teams;
    if (localMode && !holdsSchoolData(store)) {
      const report = seedDemo(store, { now: today() });
      say(t('start.seeded', { students: report.students }));
    }
    const commands = await loadCommands();
    // why: `@slack/bolt` takes about half a second to load; only a Slack deployment pays for it.
    if (config.slack) {
      const { createSlackAdapter } = await import('../platforms/slack/slack-adapter.ts');
      slack = createSlackAdapter({ store, commands, slack: config.slack });
    }
    // Always served: without TEAMS_APP_ID it answers only this machine (a bot emulator). Imported
    // here rather than at the top so that merely importing this module stays light.
    const { createTeamsAdapter } = await import('../platforms/teams/teams-adapter.ts');
    const teams = createTeamsAdapter({ store, commands, teams: config.teams });
    server = createHttpServer([healthRoute(store), teams.route, ...(slack?.route ? [slack.route] : [])]);
    let port: number;
    try {
      port = await listen(server, config.port);
    } catch (cause) {
      const code = (cause as { code?: string }).code;
      throw new UserError(
        code === 'EADDRINUSE' ? 'start.portInUse' : 'start.cannotListen',
        { port: config.port },
        { cause },
      );
    }
    say(t('start.listening', { url: `http://localhost:${port}` }));
    if (localMode) say(t('start.noPlatform'));
    if (slack) {
      await slack.start();
      say(
        slack.mode === 'http'
          ? t('start.slackHttp', { url: `http://localhost:${port}${SLACK_EVENTS_PATH}` })
          : t('start.slackSocket'),
      );
    }
    const teamsUrl = `http://localhost:${port}${TEAMS_MESSAGES_PATH}`;
    say(
      t(teams.authenticated ? 'start.teamsAuthenticated' : 'start.teamsUnauthenticated', { url: teamsUrl }),
    );
    scheduler = startScheduler(store, jobs, config.timeZone, await delivery(config, teams));
    log.info('start.ready', { port, jobs: jobs.length });
    return { port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
