/**
 * Where a person can be reached: their linked account on a platform Koers delivers to now. A
 * person linked on several platforms is reached on the first in the given order of preference.
 * A person who left the school (`left_on`) is reached nowhere.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Platform } from '../domain/enums.ts';
import type { Recipient } from './outbox.ts';
import type { Store } from './store.ts';

function pick<T extends { platform: Platform }>(
  rows: readonly T[],
  platforms: readonly Platform[],
): T | undefined {
  return [...rows].sort((a, b) => platforms.indexOf(a.platform) - platforms.indexOf(b.platform))[0];
}

/** Every student's account on one of `platforms`, by student id. */
export async function studentRecipients(
  store: Store,
  platforms: readonly Platform[],
): Promise<Map<number, Recipient>> {
  if (platforms.length === 0) return new Map();
  const { platformIdentities, students } = store.t;
  const rows = await store.db
    .select({
      studentId: platformIdentities.studentId,
      platform: platformIdentities.platform,
      workspaceId: platformIdentities.workspaceId,
      userId: platformIdentities.userId,
    })
    .from(platformIdentities)
    .innerJoin(students, eq(students.id, platformIdentities.studentId))
    .where(and(isNull(students.leftOn), inArray(platformIdentities.platform, [...platforms])));
  const byStudent = new Map<number, Recipient[]>();
  for (const { studentId, ...recipient } of rows) {
    if (studentId === null) continue;
    const list = byStudent.get(studentId) ?? [];
    list.push(recipient);
    byStudent.set(studentId, list);
  }
  const chosen = new Map<number, Recipient>();
  for (const [studentId, list] of byStudent) {
    const recipient = pick(list, platforms);
    if (recipient) chosen.set(studentId, recipient);
  }
  return chosen;
}

/** One person's account on one of `platforms`, most preferred first. */
async function recipientOf(
  store: Store,
  person: 'studentId' | 'staffId',
  id: number,
  platforms: readonly Platform[],
): Promise<Recipient | undefined> {
  if (platforms.length === 0) return undefined;
  const { platformIdentities, staff, students } = store.t;
  const at = person === 'studentId' ? students : staff;
  const rows = await store.db
    .select({
      platform: platformIdentities.platform,
      workspaceId: platformIdentities.workspaceId,
      userId: platformIdentities.userId,
    })
    .from(platformIdentities)
    .innerJoin(at, eq(at.id, platformIdentities[person]))
    .where(
      and(
        eq(platformIdentities[person], id),
        isNull(at.leftOn),
        inArray(platformIdentities.platform, [...platforms]),
      ),
    );
  return pick(rows, platforms);
}

export const staffRecipient = (
  store: Store,
  staffId: number,
  platforms: readonly Platform[],
): Promise<Recipient | undefined> => recipientOf(store, 'staffId', staffId, platforms);
