import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CastingLimits, Performance } from '../../domain/performance';
import { editRefusals } from '../../domain/performance';
import { InUseError, NotFoundError, ValidationError, VersionConflictError } from '../../domain/errors';
import type { KeptSlot, PerformanceState, PerformanceStore } from '../../domain/ports/performances';
import { documentClient } from './document-client';
import { performanceFields } from './item-fields';
import { indexKeys, indexPartitions, keyPrefixes, keys, sortKeys } from './keys';
import type { TransactionStep } from './transactions';
import { maxTransactionItems, transact } from './transactions';
import { removeSearchEntries } from './search-index';
import { reviseSlotStep, slotRevision } from './slot-guard';

export type { PerformanceState } from '../../domain/ports/performances';

export function toPerformance(item: Record<string, unknown>): Performance {
  return Object.fromEntries(performanceFields.map((f) => [f, item[f]])) as unknown as Performance;
}

export function performanceItem(performance: Performance): Record<string, unknown> {
  return {
    ...keys.performance(performance.performanceId),
    ...indexKeys.ownerPerformances(performance.ownerId, performance.createdAt, performance.performanceId),
    type: 'Performance',
    ...performance,
  };
}

/** The step that writes `performance` only if the stored version is the one the caller read. */
export function putPerformanceStep(tableName: string, performance: Performance): TransactionStep {
  const isNew = performance.version === 1;
  return {
    write: {
      Put: {
        TableName: tableName,
        Item: performanceItem(performance),
        ConditionExpression: isNew
          ? 'attribute_not_exists(pk)'
          : 'attribute_exists(pk) AND version = :previous AND attribute_not_exists(deletedAt)',
        ...(isNew ? {} : { ExpressionAttributeValues: { ':previous': performance.version - 1 } }),
      },
    },
    onConditionFailed: () => new VersionConflictError('The performance changed since you read it; reload it.'),
  };
}

/**
 * The performance's guard: a small item holding only what a casting decision must still hold when it is written
 * (the version it was decided on, casting open, not deleted), written in the same transaction as every change of
 * those. Casting checks it instead of the performance item, which grows with its characters, slots and texts: a
 * ConditionCheck costs 2 write units per KB of the item it checks.
 */
function guardStep(
  tableName: string,
  performance: Pick<Performance, 'performanceId' | 'version' | 'castingClosed'>,
  deletedAt?: Date,
): TransactionStep {
  return {
    write: {
      Put: {
        TableName: tableName,
        Item: {
          ...keys.performanceGuard(performance.performanceId),
          type: 'PerformanceGuard',
          version: performance.version,
          castingClosed: performance.castingClosed,
          ...(deletedAt ? { deletedAt: deletedAt.toISOString() } : {}),
        },
      },
    },
  };
}

/** Reads a performance with its counts, or throws 404 (also for one being deleted). */
export async function readPerformance(tableName: string, performanceId: string): Promise<PerformanceState> {
  // COUNT#… sorts before META, so one Query reads the performance and every count.
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk <= :meta',
      ExpressionAttributeValues: { ':pk': keys.performance(performanceId).pk, ':meta': sortKeys.performance },
      ConsistentRead: true,
    }),
  );
  const meta = Items.find((item) => item.sk === sortKeys.performance);
  if (!meta || meta.deletedAt) throw new NotFoundError('No such performance.');
  const count = (prefix: string, field: string) =>
    new Map(
      Items.filter((i) => String(i.sk).startsWith(prefix)).map((i) => [
        String(i.sk).slice(prefix.length),
        Number(i[field] ?? 0),
      ]),
    );
  return {
    performance: toPerformance(meta),
    slotTaken: count(keyPrefixes.slotCount, 'taken'),
    characterCast: count(keyPrefixes.characterCount, 'cast'),
    slotCast: count(keyPrefixes.slotCount, 'cast'),
  };
}

/** Reads a performance the caller owns; another director gets 404, so nobody learns what others' ids are. */
export async function readOwnedPerformance(
  tableName: string,
  performanceId: string,
  ownerId: string,
): Promise<PerformanceState> {
  const state = await readPerformance(tableName, performanceId);
  if (state.performance.ownerId !== ownerId) throw new NotFoundError('No such performance.');
  return state;
}

export async function createPerformance(tableName: string, performance: Performance): Promise<void> {
  await transact([putPerformanceStep(tableName, performance), guardStep(tableName, performance)]);
}

/** Performances by owner, newest first (gsi1). */
export async function listOwnedPerformances(tableName: string, ownerId: string): Promise<Performance[]> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :owner',
      ExpressionAttributeValues: { ':owner': indexPartitions.owner(ownerId) },
      ScanIndexForward: false,
      Limit: 200,
    }),
  );
  return Items.filter((i) => !i.deletedAt).map(toPerformance);
}

/** Reads several performances by id (missing and deleted ones are left out). */
export async function readPerformances(tableName: string, performanceIds: readonly string[]): Promise<Performance[]> {
  const unique = [...new Set(performanceIds)];
  const found: Performance[] = [];
  for (let i = 0; i < unique.length; i += 100) {
    const { Responses } = await documentClient().send(
      new BatchGetCommand({
        RequestItems: { [tableName]: { Keys: unique.slice(i, i + 100).map((id) => keys.performance(id)) } },
      }),
    );
    found.push(...(Responses?.[tableName] ?? []).filter((i) => !i.deletedAt).map(toPerformance));
  }
  return found;
}

/**
 * Marks a performance deleted (the stream then cancels its sign-ups and notifies each performer), with any further
 * steps in the same transaction.
 */
export async function markDeleted(
  tableName: string,
  performance: Performance,
  searchSteps: readonly TransactionStep[],
  now: Date,
): Promise<void> {
  await transact([
    {
      write: {
        Update: {
          TableName: tableName,
          Key: keys.performance(performance.performanceId),
          UpdateExpression: 'SET deletedAt = :now, version = version + :one REMOVE gsi1pk, gsi1sk',
          ConditionExpression: 'ownerId = :owner AND attribute_not_exists(deletedAt)',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':one': 1, ':owner': performance.ownerId },
        },
      },
      onConditionFailed: () => new NotFoundError('No such performance.'),
    },
    guardStep(tableName, { ...performance, version: performance.version + 1 }, now),
    ...searchSteps,
  ]);
}

/** Closes casting; the stream then gives every remaining sign-up its final status (see `finalStatusAtClose`). */
export async function markCastingClosed(tableName: string, performanceId: string, ownerId: string, now: Date) {
  const closed = (key: Record<string, string>, condition?: string): TransactionStep['write'] => ({
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: 'SET castingClosed = :yes, updatedAt = :now, version = if_not_exists(version, :zero) + :one',
      ...(condition ? { ConditionExpression: condition } : {}),
      ExpressionAttributeValues: {
        ':yes': true,
        ':now': now.toISOString(),
        ':zero': 0,
        ':one': 1,
        ...(condition ? { ':owner': ownerId } : {}),
      },
    },
  });
  await transact([
    {
      write: closed(keys.performance(performanceId), 'ownerId = :owner AND attribute_not_exists(deletedAt)'),
      onConditionFailed: () => new NotFoundError('No such performance.'),
    },
    { write: closed(keys.performanceGuard(performanceId)) },
  ]);
}

/**
 * The steps that record, in an edit, each slot the edit changes as its sign-ups see it, so a sign-up decided on the
 * slot as it was is refused; each also re-checks that the slot holds no more sign-ups than its new capacity.
 */
function revisedSlotSteps(tableName: string, after: Performance, kept: readonly KeptSlot[]): TransactionStep[] {
  return kept.flatMap(({ slotId, before: was, after: is }) => {
    if (slotRevision(was.snapshot, was.capacity) === slotRevision(is.snapshot, is.capacity)) return [];
    return [
      reviseSlotStep(tableName, after.performanceId, { slotId, ...is }, () => {
        const start = after.slots.find((slot) => slot.slotId === slotId)?.start ?? slotId;
        return new InUseError(`Slot ${start} has more sign-ups than ${is.capacity}.`);
      }),
    ];
  });
}

/**
 * The steps that hold an edit to what it decided about castings (`castingLimits`), whatever was cast between its
 * read and this write: each slot it removes has nobody cast (the slot's count item, which casting and undoing it
 * count in), and each character it removes or shrinks has no more cast than its places (the character's count
 * item). ConditionChecks of those small items (well under 1 KB): 2 write units each, only for what the edit removes
 * or shrinks.
 */
export function castingLimitSteps(tableName: string, performanceId: string, limits: CastingLimits): TransactionStep[] {
  const slotSteps = limits.removedSlots.map(({ slotId }) => ({
    write: {
      ConditionCheck: {
        TableName: tableName,
        Key: keys.slotCount(performanceId, slotId),
        ConditionExpression: 'attribute_not_exists(#cast) OR #cast <= :zero',
        ExpressionAttributeNames: { '#cast': 'cast' },
        ExpressionAttributeValues: { ':zero': 0 },
      },
    },
    onConditionFailed: () => editRefusals.slotWithCast(),
  }));
  const characterSteps = limits.characters.map((character) => ({
    write: {
      ConditionCheck: {
        TableName: tableName,
        Key: keys.characterCount(performanceId, character.characterId),
        ConditionExpression: 'attribute_not_exists(#cast) OR #cast <= :places',
        ExpressionAttributeNames: { '#cast': 'cast' },
        ExpressionAttributeValues: { ':places': character.places },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    },
    onConditionFailed: (existing: Record<string, unknown> | undefined) =>
      character.removed
        ? editRefusals.characterInUse()
        : editRefusals.characterOverCast(character.name, Number(existing?.cast ?? character.places + 1)),
  }));
  return [...slotSteps, ...characterSteps];
}

/** Performances as items `PERF#<id>` / `META` with their counters beside them (see keys.ts). */
export function dynamoPerformanceStore(tableName: string): PerformanceStore {
  return {
    read: (performanceId) => readPerformance(tableName, performanceId),
    readOwned: (performanceId, ownerId) => readOwnedPerformance(tableName, performanceId, ownerId),
    readMany: (performanceIds) => readPerformances(tableName, performanceIds),
    listOwned: (ownerId) => listOwnedPerformances(tableName, ownerId),
    create: (performance) => createPerformance(tableName, performance),
    async replace(after, kept, limits) {
      const steps = [
        putPerformanceStep(tableName, after),
        guardStep(tableName, after),
        ...revisedSlotSteps(tableName, after, kept),
        ...castingLimitSteps(tableName, after.performanceId, limits),
      ];
      if (steps.length > maxTransactionItems) {
        throw new ValidationError(
          [{ path: 'body', message: `This edit changes ${steps.length - 2} slots and characters at once.` }],
          `An edit can change at most ${maxTransactionItems - 2} slots and characters at once; save it in two steps.`,
        );
      }
      await transact(steps);
    },
    async remove(performance, now) {
      await markDeleted(tableName, performance, [], now);
      // It leaves search at once. Not in the transaction, where each entry would cost twice: should this fail
      // (throttled), the stream's search indexer removes whatever is left a moment later.
      await removeSearchEntries(tableName, performance).catch(() => undefined);
    },
    closeCasting: (performanceId, ownerId, now) => markCastingClosed(tableName, performanceId, ownerId, now),
  };
}
