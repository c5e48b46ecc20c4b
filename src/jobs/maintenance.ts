import { optimizeStore } from '../store/maintenance.ts';
import type { Job } from './job.ts';

/** Nightly: refresh the query planner's statistics and fold the WAL back into the database. */
export const maintenance: Job = {
  name: 'maintenance',
  schedule: '30 3 * * *',
  async run({ store }) {
    await optimizeStore(store);
    return {};
  },
};
