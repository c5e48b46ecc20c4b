/** Koers started as `npm start` starts it, on a database file, with the platforms a test configures. */
import { start } from '../../src/app/start.ts';
import type { Config } from '../../src/config.ts';
import { translator } from '../../src/i18n/translate.ts';

export function startKoers(
  databasePath: string,
  platforms: Pick<Config, 'slack' | 'teams'> & Partial<Pick<Config, 'playground'>>,
) {
  const config: Config = {
    databasePath,
    port: 0,
    timeZone: 'Europe/Amsterdam',
    locale: 'nl',
    playground: false,
    ...platforms,
  };
  return start(config, translator('nl'), () => {});
}
