/**
 * The order signals are read in, everywhere they are listed: what asks for a conversation most
 * urgently first (*urgent*, then *let op*, then *info*), and within a severity the newest first,
 * because a new signal is the one nobody has looked at yet.
 */
import { signalSeverities } from '../enums.ts';
import type { SignalSeverity } from './outcome.ts';

type Ordered = { id: number; severity: SignalSeverity; firstSeenAt: string };

export function bySeverityThenNewest(a: Ordered, b: Ordered): number {
  return (
    signalSeverities.indexOf(a.severity) - signalSeverities.indexOf(b.severity) ||
    b.firstSeenAt.localeCompare(a.firstSeenAt) ||
    b.id - a.id
  );
}
