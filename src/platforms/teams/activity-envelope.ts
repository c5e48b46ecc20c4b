/**
 * The least a Bot Framework activity carries, checked before botbuilder sees it: botbuilder
 * fails on a body without these with a 500, where the sender made the mistake (400).
 */
import { z } from 'zod';

const account = z.looseObject({ id: z.string().min(1) });

export const activityEnvelope = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  from: account,
  recipient: account,
  conversation: z.looseObject({ id: z.string().min(1) }),
});
