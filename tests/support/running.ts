/**
 * Koers started as `npm start` starts it, on a database file or, given `databaseOf(env)`
 * (tests/support/demo.ts), on either dialect, with the platforms a test configures.
 */
import { start } from '../../src/app/start.ts';
import type { Config } from '../../src/config.ts';
import { translator } from '../../src/i18n/translate.ts';

export function startKoers(
  database: string | Pick<Config, 'databasePath' | 'databaseUrl'>,
  platforms: Pick<Config, 'slack' | 'teams'> & Partial<Pick<Config, 'playground'>>,
) {
  const config: Config = {
    ...(typeof database === 'string' ? { databasePath: database } : database),
    port: 0,
    timeZone: 'Europe/Amsterdam',
    locale: 'nl',
    playground: false,
    ...platforms,
  };
  return start(config, translator('nl'), () => {});
}
