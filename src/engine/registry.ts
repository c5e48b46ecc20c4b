/**
 * The commands are the files in `commands/`: adding one is adding a file, with no list to edit.
 * Loaded once per process; names and aliases must not collide (checked here, so a clash fails at
 * start and in the tests rather than shadowing a command silently).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { commandsFolder } from '../paths.ts';
import type { Command } from './command.ts';

let loaded: Promise<readonly Command[]> | undefined;

async function load(): Promise<readonly Command[]> {
  const files = readdirSync(commandsFolder)
    .filter((file) => file.endsWith('.ts'))
    .sort();
  const commands: Command[] = [];
  const owner = new Map<string, string>();
  for (const file of files) {
    const module = (await import(pathToFileURL(join(commandsFolder, file)).href)) as { default?: Command };
    const found = module.default;
    if (!found?.name || !Array.isArray(found.actions))
      throw new Error(`commands/${file} does not export a command`);
    for (const word of [found.name, ...found.aliases]) {
      const other = owner.get(word);
      if (other) throw new Error(`command word '${word}' is used by both ${other} and ${found.name}`);
      owner.set(word, found.name);
    }
    commands.push(found);
  }
  return commands;
}

export function loadCommands(): Promise<readonly Command[]> {
  loaded ??= load();
  return loaded;
}
