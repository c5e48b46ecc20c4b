/**
 * What time it is for Koers: the real time, unless the local playground runs its own clock ahead
 * (src/platforms/local/playground-clock.ts) to show the weekly loop in a minute. Everything that
 * asks the time on behalf of a person or a job (a command, the scheduler) asks a Clock.
 */
export type Clock = {
  now(): Date;
};

export const systemClock: Clock = { now: () => new Date() };
