/**
 * Where a staff member is reached when a command starts a message to them (a talk request to the
 * mentor, an escalation to the care coordinator): on the platform the command came in on, else
 * the school's other chat platform. Local mode (a terminal, the playground) delivers locally.
 * Never a platform this deployment does not send to: a message there would wait for ever.
 */
import type { Platform } from '../domain/enums.ts';

export function colleaguePlatforms(platform: Platform | undefined): Platform[] {
  if (platform === 'slack') return ['slack', 'teams'];
  if (platform === 'teams') return ['teams', 'slack'];
  return ['local'];
}
