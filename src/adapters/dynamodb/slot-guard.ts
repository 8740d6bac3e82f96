import { createHash } from 'node:crypto';
import type { CancelReason } from '../../domain/follow-ups';
import type { SlotSnapshot } from '../../domain/notifications';
import { keys } from './keys';
import type { TransactionStep } from './transactions';

/*
 * A slot's count item (`COUNT#SLOT#<slotId>`) guards its places: `taken` never passes the capacity, `revision`
 * names the slot as its sign-ups see it (start, duration, location, capacity) once an edit has changed it, and
 * `closedBecause` is set once the slot takes no more sign-ups. A sign-up takes its place only while the item
 * agrees with what it decided on, so the sign-up writes this one small item rather than checking the whole
 * performance.
 */

/** The revision of a slot: a digest of what a sign-up relies on. */
export function slotRevision(slot: Omit<SlotSnapshot, 'slotId'>, capacity: number): string {
  const facts = [slot.startsAt, slot.durationMinutes, slot.location.name, slot.location.address, capacity];
  return createHash('sha256').update(JSON.stringify(facts)).digest('base64url').slice(0, 16);
}

/** The step that records a slot's new revision in an edit, only while it holds no more sign-ups than `capacity`. */
export function reviseSlotStep(
  tableName: string,
  performanceId: string,
  slot: { slotId: string; snapshot: Omit<SlotSnapshot, 'slotId'>; capacity: number },
  overfull: () => Error,
): TransactionStep {
  return {
    write: {
      Update: {
        TableName: tableName,
        Key: keys.slotCount(performanceId, slot.slotId),
        UpdateExpression: 'SET revision = :revision, #type = :type',
        ConditionExpression: 'attribute_not_exists(taken) OR taken <= :capacity',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':revision': slotRevision(slot.snapshot, slot.capacity),
          ':capacity': slot.capacity,
          ':type': 'SlotCount',
        },
      },
    },
    onConditionFailed: overfull,
  };
}

/** The update that closes a slot to sign-ups (repeatable). */
export function closeSlotUpdate(tableName: string, performanceId: string, slotId: string, reason: CancelReason) {
  return {
    TableName: tableName,
    Key: keys.slotCount(performanceId, slotId),
    UpdateExpression: 'SET closedBecause = :reason, #type = :type',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':reason': reason, ':type': 'SlotCount' },
  };
}
