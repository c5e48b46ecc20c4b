/**
 * The parts of each kind of Slack request the listeners rely on. A signed body that parses but
 * lacks them is not something Slack sends: it is answered 400 before Bolt sees it.
 */
import { z } from 'zod';

/** The parts of each request kind the listeners rely on; anything else is not from Slack. */
export const slackEnvelope = z.union([
  z.object({ command: z.string(), user_id: z.string().min(1), team_id: z.string().min(1), text: z.string() }),
  z.object({
    type: z.literal('block_actions'),
    user: z.object({ id: z.string().min(1) }),
    actions: z.array(z.unknown()),
  }),
  z.object({
    type: z.literal('view_submission'),
    user: z.object({ id: z.string().min(1) }),
    view: z.object({ callback_id: z.string(), private_metadata: z.string().optional(), state: z.unknown() }),
  }),
  z.object({ type: z.literal('event_callback'), event: z.object({ type: z.string() }) }),
  z
    .object({ type: z.string() })
    .refine((body) => !['block_actions', 'view_submission', 'event_callback'].includes(body.type)),
]);
