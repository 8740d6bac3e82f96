import { randomUUID } from 'node:crypto';
import { putPerformanceStep, readOwnedPerformance } from '../adapters/dynamodb/performance-store';
import { keys } from '../adapters/dynamodb/keys';
import { transact } from '../adapters/dynamodb/transactions';
import { assertEditKeepsCommitments, buildPerformance } from '../domain/performance';
import { InUseError, VersionConflictError } from '../domain/errors';
import { listSignUpsOfPerformance } from '../adapters/dynamodb/signup-store';
import { callerProfile, tableName } from './context';
import { protectedRoute } from './http/handler';
import { performanceView } from './views';

const shortId = () => randomUUID().replace(/-/g, '').slice(0, 12);

/**
 * Replaces a performance (owners only). Removed and moved slots are followed up by the table stream, which
 * cancels or updates the affected sign-ups and notifies their performers.
 */
export const handler = protectedRoute('performance-update', async ({ params, body, receivedAt }, caller) => {
  const table = tableName();
  const state = await readOwnedPerformance(table, params.performanceId, caller.userId);
  if (state.performance.version !== body.version) {
    throw new VersionConflictError(
      `You edited version ${body.version}; the performance is now at ${state.performance.version}.`,
    );
  }
  const after = buildPerformance(body, {
    performanceId: params.performanceId,
    ownerId: caller.userId,
    now: receivedAt,
    newId: shortId,
    previous: state.performance,
  });
  const signUps = await listSignUpsOfPerformance(table, params.performanceId);
  const active = signUps.filter((s) => s.status === 'signed-up' || s.status === 'cast');
  const removedSlots = new Set(
    state.performance.slots.map((s) => s.slotId).filter((id) => !after.slots.some((s) => s.slotId === id)),
  );
  // Sign-ups in removed slots will be cancelled, so they do not hold their characters; castings cannot be undone.
  if (active.some((s) => s.status === 'cast' && removedSlots.has(s.slotId))) {
    throw new InUseError('A slot in which performers were cast cannot be removed.');
  }
  const charactersInUse = new Set(
    active
      .filter((s) => !removedSlots.has(s.slotId))
      .flatMap((s) => [...s.characterIds, ...(s.castAs ? [s.castAs] : [])]),
  );
  assertEditKeepsCommitments(after, {
    slotTaken: state.slotTaken,
    characterCast: state.characterCast,
    charactersInUse,
  });
  // The database re-checks each shrunk slot, so a sign-up racing this edit cannot overfill it.
  const shrunk = after.slots.filter((s) => {
    const before = state.performance.slots.find((b) => b.slotId === s.slotId);
    return before && s.capacity < before.capacity;
  });
  await transact([
    putPerformanceStep(table, after),
    ...shrunk.map((slot) => ({
      write: {
        ConditionCheck: {
          TableName: table,
          Key: keys.slotCount(after.performanceId, slot.slotId),
          ConditionExpression: 'attribute_not_exists(taken) OR taken <= :capacity',
          ExpressionAttributeValues: { ':capacity': slot.capacity },
        },
      },
      onConditionFailed: () => new InUseError(`Slot ${slot.start} has more sign-ups than ${slot.capacity}.`),
    })),
  ]);
  const reader = await callerProfile(caller);
  return { body: performanceView({ ...state, performance: after }, reader.timeZone) };
});
