#!/usr/bin/env node
// The `koers` command. Koers is written in TypeScript and run through tsx, so an install needs
// no build step.
import { register } from 'tsx/esm/api';

register();
// `koers outbox | head`: a reader that stops reading is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
