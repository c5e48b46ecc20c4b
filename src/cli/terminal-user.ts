/**
 * Who is at the terminal, for the audit entries of what an administrator does with `koers`
 * (there is no Koers person behind a shell): the operating system's user name.
 */
import { userInfo } from 'node:os';

export function operatingSystemUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
