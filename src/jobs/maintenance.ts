import { optimizeStore } from '../store/maintenance.ts';
import { forgetOldSlackRequests } from '../store/slack-requests.ts';
import type { Job } from './job.ts';

/**
 * Nightly: forget the Slack requests past the retry window, refresh the query planner's
 * statistics and fold the WAL back into the database.
 */
export const maintenance: Job = {
  name: 'maintenance',
  schedule: '30 3 * * *',
  async run({ store }) {
    // The real clock, not the job's `now` (which `--now` may set): the retry guard writes by it.
    await forgetOldSlackRequests(store, new Date());
    await optimizeStore(store);
    return {};
  },
};
