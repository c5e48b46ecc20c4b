#!/usr/bin/env node
// `npm run build`: bundles Koers into dist/ as JavaScript, so that `koers` starts without compiling
// TypeScript at run time (tsx alone costs half a second). Run by `npm install` (prepare) and before
// `npm start` (prestart); bin/koers.js runs the build only while it matches the sources
// (bin/build-stamp.js) and otherwise runs the sources through tsx, so a forgotten build is slower,
// never wrong.
//
// One bundle with code splitting: what a command needs is loaded when it runs (the platform SDKs,
// the server and the senders stay in their own chunks). The small pure-JavaScript packages on the
// start path are bundled in (resolving hundreds of module files is most of a cold start); native and
// large packages stay in node_modules. Files read at run time (db/migrations, locales, package.json)
// are read from where they are: every chunk sits directly in dist/, one level below the project root,
// as src/paths.ts expects. The commands in commands/ are imported by a file list that
// src/engine/registry.ts reads at run time; the build gives it a static list of the same files.
//
// Each build's files are named by their content and written next to the previous build's, and the
// stamp (dist/build.json) that names the entry is written last: a `koers start` that is already
// running keeps finding the chunks it loads later. Files of earlier builds go after a day.
//
// With --if-stale (prestart) a build that matches the sources is kept. With --if-possible (install,
// prestart) a failed build is a warning: Koers then runs from the sources.
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { distFolder, freshEntry, root, sourceSignature, stampFile } from './build-stamp.js';

/** Packages bundled in: pure JavaScript, loaded on the start path, no files of their own read at run time. */
const bundled = new Set(['commander', 'drizzle-orm', 'luxon', 'zod', 'yazl', 'buffer-crc32']);
const KEEP_OLD_MS = 24 * 60 * 60 * 1000;
const chunksFile = join(distFolder, 'chunks.json');

const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Every package not in `bundled` is imported from node_modules at run time. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || bundled.has(packageName(args.path))) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const DYNAMIC_IMPORT = 'import(pathToFileURL(join(commandsFolder, file)).href)';

/** src/engine/registry.ts imports each file of commands/ by a path computed at run time; a bundle needs them named. */
const commandList = {
  name: 'command-list',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]engine[\\/]registry\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (source.split(DYNAMIC_IMPORT).length !== 2)
        throw new Error(`bin/build.js: expected one \`${DYNAMIC_IMPORT}\` in src/engine/registry.ts`);
      const files = readdirSync(join(root, 'commands')).filter((file) => file.endsWith('.ts'));
      const entries = files.map(
        (file) => `  ${JSON.stringify(file)}: () => import('../../commands/${file}'),`,
      );
      const list = [
        '',
        'const builtCommands = {',
        ...entries,
        '};',
        'function importBuiltCommand(file) {',
        '  const load = builtCommands[file];',
        "  if (!load) throw new Error('commands/' + file + ' is newer than the build in dist/: run npm run build');",
        '  return load();',
        '}',
        '',
      ].join('\n');
      return { contents: source.replace(DYNAMIC_IMPORT, 'importBuiltCommand(file)') + list, loader: 'ts' };
    });
  },
};

async function buildDist() {
  const { build } = await import('esbuild');
  const started = performance.now();
  // Taken before reading the sources: a file edited during the build makes the build stale at once.
  const signature = sourceSignature();
  const result = await build({
    absWorkingDir: root,
    entryPoints: { koers: 'src/cli/main.ts' },
    outdir: distFolder,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Errors are logged with their class and function names.
    keepNames: true,
    sourcemap: 'linked',
    sourcesContent: false,
    // Bundled CommonJS packages (commander) call require() for Node's own modules.
    banner: {
      js: "import { createRequire as koersCreateRequire } from 'node:module';\nconst require = koersCreateRequire(import.meta.url);",
    },
    plugins: [externalPackages, commandList],
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  await mkdir(distFolder, { recursive: true });
  const written = new Set();
  for (const file of result.outputFiles) {
    // Same name, same content: another build may be writing it too, so each file appears whole (rename).
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
    written.add(basename(file.path));
  }
  const entry = Object.entries(result.metafile.outputs).find(
    ([, output]) => output.entryPoint === 'src/cli/main.ts',
  )?.[0];
  if (!entry) throw new Error('bin/build.js: the build has no entry');
  // Which sources each file of this build holds, for tests/light-start.test.ts.
  const chunks = Object.fromEntries(
    Object.entries(result.metafile.outputs)
      .filter(([path]) => path.endsWith('.js'))
      .map(([path, output]) => [relative(distFolder, join(root, path)), Object.keys(output.inputs)]),
  );
  writeFileSync(`${chunksFile}.${process.pid}.tmp`, `${JSON.stringify(chunks, null, 1)}\n`);
  renameSync(`${chunksFile}.${process.pid}.tmp`, chunksFile);
  written.add(basename(chunksFile));
  const stamp = {
    entry: relative(distFolder, join(root, entry)),
    signature,
    built: new Date().toISOString(),
  };
  writeFileSync(`${stampFile}.${process.pid}.tmp`, `${JSON.stringify(stamp, null, 2)}\n`);
  renameSync(`${stampFile}.${process.pid}.tmp`, stampFile);
  written.add(basename(stampFile));
  for (const name of readdirSync(distFolder)) {
    const path = join(distFolder, name);
    if (!written.has(name) && Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS)
      rmSync(path, { force: true });
  }
  return { entry: stamp.entry, ms: performance.now() - started };
}

const ifPossible = process.argv.includes('--if-possible');
try {
  // --if-stale (npm start): a build made from the sources as they are is kept.
  if (process.argv.includes('--if-stale') && freshEntry()) process.exit(0);
  const { entry, ms } = await buildDist();
  if (!process.argv.includes('--quiet')) console.log(`koers: built dist/${entry} in ${Math.round(ms)} ms`);
} catch (error) {
  console.error(`koers: no build (${error instanceof Error ? error.message.split('\n')[0] : error})`);
  if (ifPossible)
    console.error('koers: the koers command runs from the TypeScript sources instead (slower start).');
  else process.exitCode = 1;
}
