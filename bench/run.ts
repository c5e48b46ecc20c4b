/**
 * `npm run bench`: runs every benchmark and prints its figures. Benchmarks measure; they are not
 * tests and never fail the build. `npm run bench -- <name part>` runs only the matching ones.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.ts';
import type { Benchmark } from './benchmark.ts';
import { cliStartup } from './cli-startup.ts';
import { commandLatency } from './command-latency.ts';
import { dialects } from './dialects.ts';
import { memory } from './memory.ts';
import { outboxRate } from './outbox-rate.ts';
import { promptPlanning } from './prompt-planning.ts';
import { rosterImport } from './roster-import.ts';
import { scaleSeed } from './scale-seed.ts';
import { signalSweep } from './signal-sweep.ts';
import { summary } from './summary.ts';
import { summaryChart } from './summary-chart.ts';

// commandLatency and promptPlanning reuse the database scaleSeed leaves in the work folder, so they
// come after it (run on their own, they build it); promptPlanning writes to a copy of it.
const benchmarks: Benchmark[] = [
  scaleSeed,
  commandLatency,
  promptPlanning,
  signalSweep,
  outboxRate,
  cliStartup,
  memory,
  summary,
  summaryChart,
  rosterImport,
  dialects,
];

const filter = process.argv[2];
const workDir = join(projectRoot, '.tmp', 'bench');
rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });

for (const benchmark of benchmarks.filter((b) => !filter || b.name.includes(filter))) {
  console.log(`\n${benchmark.name}`);
  for (const figure of await benchmark.run(workDir)) {
    const verdict =
      figure.met === undefined ? '' : `  (target ${figure.target}: ${figure.met ? 'met' : 'NOT met'})`;
    console.log(`  ${figure.label.padEnd(18)} ${figure.value}${verdict}`);
  }
}
rmSync(workDir, { recursive: true, force: true });
