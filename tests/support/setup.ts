/**
 * Runs before each test file (vitest `setupFiles`): the clean-up of tests/support. It lives here, not
 * in the modules it cleans up after, because the unit tests share their modules between test files
 * (`isolate: false`) and a module's own hooks would then be registered for the first file only.
 */
import { afterAll, afterEach } from 'vitest';
import { closeDemos } from './demo.ts';
import { removeTempDirs } from './temp.ts';

afterEach(async () => {
  // The stores first: their files are in the folders.
  await closeDemos();
  removeTempDirs();
});
afterAll(() => removeTempDirs({ shared: true }));
