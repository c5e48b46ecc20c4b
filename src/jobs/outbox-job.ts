/**
 * `outbox`: every few seconds, delivers what is due. First it settles messages a stopped sender
 * left in doubt; a run that is still busy (a large fan-out at the platform's pace) is not started
 * twice (the scheduler's `noOverlap`). A workspace another Koers process is sending to (its lane,
 * `drain.ts`) is left to it: the run waits until that one is done or has stopped.
 */
import { drainOutbox, recoverInDoubt } from '../outbox/drain.ts';
import { outboxReply } from '../views/outbox-replies.ts';
import type { Job } from './job.ts';

export const outboxJob: Job = {
  name: 'outbox',
  schedule: '*/5 * * * * *',
  everyInstance: true,
  async run({ store, senders, signal, now }) {
    // The job's moment (`--now` when run by hand), moving on as real time does, for the rate limits.
    const offset = now.toMillis() - Date.now();
    const clock = () => Date.now() + offset;
    const recovered = await recoverInDoubt(store, senders, clock);
    const counts = await drainOutbox(store, senders, {
      compose: (message) => outboxReply(store, message, new Date(clock())),
      clock,
      ...(signal ? { signal } : {}),
    });
    return { ...counts, recovered: recovered.found, resent: recovered.requeued };
  },
};
