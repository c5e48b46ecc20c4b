#!/usr/bin/env node
// The `koers` command. Koers is written in TypeScript. `npm install` (and `npm start`) bundle it to
// JavaScript in dist/ (bin/build.js), which starts in a fraction of the time; when there is no build
// made from the sources as they are now, the sources run through tsx, so an edit never needs a
// build to take effect. KOERS_FROM_SOURCE=1 always runs the sources.
import module from 'node:module';
import { pathToFileURL } from 'node:url';
import { freshEntry } from './build-stamp.js';

// Node 22.1 and later keep the compiled code of the modules between runs; Node 20 has no such cache.
module.enableCompileCache?.();

// `koers outbox | head`: a reader that stops reading is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const built = process.env.KOERS_FROM_SOURCE === '1' ? undefined : freshEntry();
let main;
if (built) {
  // Stack traces name the bundle's files (dist/*.js, with the original function names); run
  // `node --enable-source-maps bin/koers.js` to have them name the TypeScript sources. Not on by
  // default: the maps cost start-up time and stay in memory.
  ({ main } = await import(pathToFileURL(built).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
