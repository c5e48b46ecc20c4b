/** Where Koers finds its own files, independent of the working directory it was started from. */
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../', import.meta.url));
export const migrationsFolder = fileURLToPath(new URL('../db/migrations', import.meta.url));
export const localesFolder = fileURLToPath(new URL('../locales', import.meta.url));
export const commandsFolder = fileURLToPath(new URL('../commands', import.meta.url));
