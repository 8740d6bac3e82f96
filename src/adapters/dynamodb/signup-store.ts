import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SignUpStore } from '../../domain/ports/sign-ups';
import type { PlacesChange, SignUpChange } from '../../domain/sign-up-change';
import type { SignUpRecord } from '../../domain/signup';
import {
  AlreadySignedUpError,
  CastingClosedError,
  CharacterFullError,
  NotSignedUpError,
  SlotFullError,
  VersionConflictError,
} from '../../domain/errors';
import { documentClient } from './document-client';
import { signUpFields } from './item-fields';
import { indexKeys, indexPartitions, keyPrefixes, keys } from './keys';
import { outboxStep } from './outbox';
import { closeSlotUpdate, slotRevision } from './slot-guard';
import type { TransactionStep } from './transactions';
import { transact } from './transactions';

export type { SignUpRecord } from '../../domain/signup';

/** The sign-up an item holds; the ids its keys carry are put back where the record has them (see signUpItem). */
export function toSignUpRecord(item: Record<string, unknown>): SignUpRecord {
  const fields = Object.fromEntries(signUpFields.filter((f) => f in item).map((f) => [f, item[f]]));
  const performanceId = String(item.pk).slice(keyPrefixes.performance.length);
  return {
    ...fields,
    performanceId,
    performerId: String(item.sk).slice(keyPrefixes.signUp.length),
    performance: { performanceId, ...(item.performance as object) },
    slot: { slotId: item.slotId, ...(item.slot as object) },
  } as unknown as SignUpRecord;
}

/**
 * The sign-up item, indexed by performer (gsi1) so each performer can list their auditions, and in the reminder
 * index (gsi3) while it waits for a reminder: signed up with one planned. The ids the keys carry are not repeated
 * inside it: a sign-up is written with every change, and within 1 KB it costs one write unit instead of two.
 */
export function signUpItem(record: SignUpRecord): Record<string, unknown> {
  const { performanceId, performerId, performance, slot, ...rest } = record;
  const { performanceId: _performanceId, ...performanceShown } = performance;
  const { slotId: _slotId, ...slotShown } = slot;
  const reminderAt = record.status === 'signed-up' ? record.reminderAt : undefined;
  return {
    ...keys.signUp(performanceId, performerId),
    ...indexKeys.performerSignUps(performerId, record.createdAt, performanceId),
    ...(reminderAt ? indexKeys.dueReminder(reminderAt, performanceId, record.slotId) : {}),
    type: 'SignUp',
    ...rest,
    performance: performanceShown,
    slot: slotShown,
  };
}

/**
 * Passes only while the performance is still at the version the decision was made on and casting is open. It
 * checks the performance's guard (see performance-store.ts), a few bytes, not the performance item itself. A
 * performance stored before guards existed has none, and passes on what the decision read.
 */
function performanceUnchangedStep(tableName: string, performanceId: string, version: number): TransactionStep {
  return {
    write: {
      ConditionCheck: {
        TableName: tableName,
        Key: keys.performanceGuard(performanceId),
        ConditionExpression:
          'attribute_not_exists(pk) OR (version = :version AND castingClosed = :open AND attribute_not_exists(deletedAt))',
        ExpressionAttributeValues: { ':version': version, ':open': false },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    onConditionFailed: (existing) =>
      existing?.castingClosed === true
        ? new CastingClosedError('Casting for this performance is closed.')
        : new VersionConflictError('The performance changed meanwhile.'),
  };
}

/**
 * The sign-up's next state. A new sign-up may replace only one that holds no place (one active sign-up per
 * performer and performance); a change needs the sign-up still in the status it was decided on, so two changes
 * racing for one sign-up cannot both happen.
 */
function signUpStep(tableName: string, { signUp, from, unchangedSince }: SignUpChange): TransactionStep {
  const Item = signUpItem(signUp);
  if (from === 'none-active') {
    return {
      write: {
        Put: {
          TableName: tableName,
          Item,
          ConditionExpression: 'attribute_not_exists(pk) OR NOT (#status IN (:signedUp, :cast))',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':signedUp': 'signed-up', ':cast': 'cast' },
        },
      },
      onConditionFailed: () => new AlreadySignedUpError('You already have a sign-up for this performance.'),
    };
  }
  return {
    write: {
      Put: {
        TableName: tableName,
        Item,
        ConditionExpression: unchangedSince ? '#status = :from AND updatedAt = :read' : '#status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':from': from, ...(unchangedSince ? { ':read': unchangedSince } : {}) },
      },
    },
    onConditionFailed: () => new NotSignedUpError(`There is no ${from} sign-up to change.`),
  };
}

/** A conditional counter: taking a place never goes beyond the limit, freeing one never below zero. */
function placesStep(
  tableName: string,
  key: Record<string, string>,
  counter: { attribute: string; type: string; full: () => Error },
  change: PlacesChange,
): TransactionStep {
  const names = { '#count': counter.attribute };
  if (change.by < 0) {
    return {
      write: {
        Update: {
          TableName: tableName,
          Key: key,
          UpdateExpression: 'ADD #count :minusOne',
          ConditionExpression: '#count > :zero',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
        },
      },
    };
  }
  const limited = change.limit !== undefined;
  return {
    write: {
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: 'ADD #count :one SET #type = :type',
        ...(limited ? { ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit' } : {}),
        ExpressionAttributeNames: { ...names, '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':type': counter.type, ...(limited ? { ':limit': change.limit } : {}) },
      },
    },
    onConditionFailed: counter.full,
  };
}

/**
 * Taking a place in a slot: never beyond the capacity the sign-up read, and only while the slot's guard agrees
 * (see slot-guard.ts): no edit has changed the slot since the sign-up read it, and it still takes sign-ups.
 */
function takeSlotPlaceStep(tableName: string, signUp: SignUpRecord, limit: number): TransactionStep {
  const { slotId: _slotId, ...slot } = signUp.slot;
  const revision = slotRevision(slot, limit);
  return {
    write: {
      Update: {
        TableName: tableName,
        Key: keys.slotCount(signUp.performanceId, signUp.slotId),
        UpdateExpression: 'ADD taken :one SET #type = :type',
        ConditionExpression:
          '(attribute_not_exists(taken) OR taken < :limit) AND (attribute_not_exists(revision) OR revision = :revision) AND attribute_not_exists(closedBecause)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':type': 'SlotCount', ':limit': limit, ':revision': revision },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    onConditionFailed: (existing) => {
      if (existing?.closedBecause === 'casting-closed')
        return new CastingClosedError('Casting for this performance is closed.');
      if (existing?.closedBecause || (existing?.revision !== undefined && existing.revision !== revision))
        return new VersionConflictError('The performance changed meanwhile.');
      return new SlotFullError('This audition slot is full.');
    },
  };
}

/**
 * Counts a casting (or its undoing) in the sign-up's slot, beside the places taken, so an edit removing the slot
 * can check in its own write that nobody is cast there (see performance-store.ts). Never refused: a casting made
 * before the count was kept is undone to -1, which an edit reads as nobody cast.
 */
function slotCastStep(tableName: string, signUp: SignUpRecord, by: 1 | -1): TransactionStep {
  return {
    write: {
      Update: {
        TableName: tableName,
        Key: keys.slotCount(signUp.performanceId, signUp.slotId),
        UpdateExpression: 'ADD #cast :by SET #type = :type',
        ExpressionAttributeNames: { '#cast': 'cast', '#type': 'type' },
        ExpressionAttributeValues: { ':by': by, ':type': 'SlotCount' },
      },
    },
  };
}

/** The transaction that writes one decision; the order decides which error a request with several failures gets. */
function changeSteps(tableName: string, change: SignUpChange, now: Date): TransactionStep[] {
  const { signUp, slotPlaces, characterPlaces } = change;
  const slotStep =
    slotPlaces &&
    (slotPlaces.by > 0 && slotPlaces.limit !== undefined
      ? takeSlotPlaceStep(tableName, signUp, slotPlaces.limit)
      : placesStep(
          tableName,
          keys.slotCount(signUp.performanceId, signUp.slotId),
          { attribute: 'taken', type: 'SlotCount', full: () => new SlotFullError('This audition slot is full.') },
          slotPlaces,
        ));
  const characterStep =
    characterPlaces &&
    placesStep(
      tableName,
      keys.characterCount(signUp.performanceId, characterPlaces.characterId),
      {
        attribute: 'cast',
        type: 'CharacterCount',
        full: () => new CharacterFullError('This character already has all the performers it takes.'),
      },
      characterPlaces,
    );
  const steps: (TransactionStep | undefined)[] = [
    change.performanceVersion !== undefined
      ? performanceUnchangedStep(tableName, signUp.performanceId, change.performanceVersion)
      : undefined,
    slotPlaces && slotPlaces.by > 0 ? slotStep : undefined,
    signUpStep(tableName, change),
    slotPlaces && slotPlaces.by < 0 ? slotStep : undefined,
    characterStep,
    change.slotCast !== undefined ? slotCastStep(tableName, signUp, change.slotCast) : undefined,
    change.notifications.length ? outboxStep(tableName, change.notifications, now) : undefined,
  ];
  return steps.filter((step): step is TransactionStep => step !== undefined);
}

/** When a change was made: the moment its sign-up was last updated. */
const madeAt = (change: SignUpChange) => new Date(change.signUp.updatedAt);

async function save(tableName: string, change: SignUpChange): Promise<SignUpChange> {
  await transact(changeSteps(tableName, change, madeAt(change)));
  return change;
}

async function find(tableName: string, performanceId: string, performerId: string) {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName, Key: keys.signUp(performanceId, performerId), ConsistentRead: true }),
  );
  return Item ? toSignUpRecord(Item) : undefined;
}

/**
 * Every sign-up of a performance, read from the performance's own partition: strongly consistent (twice the read
 * units) when `consistent`, so a decision made from the list sees every sign-up written before it.
 */
async function listSignUpsOfPerformance(
  tableName: string,
  performanceId: string,
  consistent: boolean,
): Promise<SignUpRecord[]> {
  const records: SignUpRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :signup)',
        ExpressionAttributeValues: { ':pk': keys.performance(performanceId).pk, ':signup': keyPrefixes.signUp },
        ...(consistent ? { ConsistentRead: true } : {}),
        ExclusiveStartKey: startKey,
      }),
    );
    records.push(...(page.Items ?? []).map(toSignUpRecord));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return records;
}

/** A performer's sign-ups, newest first (gsi1). */
async function listSignUpsOfPerformer(tableName: string, performerId: string): Promise<SignUpRecord[]> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :performer',
      ExpressionAttributeValues: { ':performer': indexPartitions.performer(performerId) },
      ScanIndexForward: false,
      Limit: 500,
    }),
  );
  return Items.map(toSignUpRecord);
}

/**
 * The sign-ups of the table. Each decision is written in one TransactWriteItems: the sign-up's conditional put
 * (with its place in the reminder index), the places counters and the outbox records of its notifications.
 */
export function dynamoSignUpStore(tableName: string): SignUpStore {
  return {
    find: (performanceId, performerId) => find(tableName, performanceId, performerId),
    listOfPerformance: (performanceId, options) =>
      listSignUpsOfPerformance(tableName, performanceId, options?.consistent === true),
    listOfPerformer: (performerId) => listSignUpsOfPerformer(tableName, performerId),
    save: (change) => save(tableName, change),
    async saveUnlessMovedOn(change) {
      try {
        return await save(tableName, change);
      } catch (error) {
        if (error instanceof NotSignedUpError) return undefined;
        throw error;
      }
    },
    async closeSlots(performanceId, slotIds, reason) {
      for (const slotId of slotIds) {
        await documentClient().send(new UpdateCommand(closeSlotUpdate(tableName, performanceId, slotId, reason)));
      }
    },
  };
}
