/**
 * Where a colleague is reached when a command starts a message to them (an escalation to the care
 * coordinator): on the platform the command came in on, else the school's other chat platform.
 * Local mode (a terminal, the playground) delivers locally. The same rule as the talk request's
 * `mentorPlatforms` in commands/reflectie.ts, so both reach staff the same way.
 */
import type { Platform } from '../domain/enums.ts';

export function colleaguePlatforms(platform: Platform | undefined): Platform[] {
  if (platform === 'slack') return ['slack', 'teams'];
  if (platform === 'teams') return ['teams', 'slack'];
  return ['local'];
}
