import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Notification, PerformanceSnapshot, PerformerSnapshot, SlotSnapshot } from '../../domain/notifications';
import type { Performance } from '../../domain/performance';
import type { SignUp, SignUpStatus } from '../../domain/signup';
import {
  AlreadySignedUpError,
  CastingClosedError,
  CharacterFullError,
  NotFoundError,
  NotSignedUpError,
  SlotFullError,
  VersionConflictError,
} from '../../domain/errors';
import { documentClient } from './document-client';
import { indexKeys, keys } from './keys';
import { outboxStep } from './outbox';
import type { TransactionStep } from './transactions';
import { transact } from './transactions';
import { reminderChangeSteps, withReminderOrNone } from './reminder-store';

/** A sign-up as stored: the sign-up and the snapshots its lists and emails show. */
export interface SignUpRecord extends SignUp {
  readonly performance: PerformanceSnapshot;
  readonly slot: SlotSnapshot;
  readonly characterNames: readonly string[];
  /** The name of the character the performer was cast as. */
  readonly castAsName?: string;
  readonly performer: PerformerSnapshot & { readonly timeZone: string };
}

/** What every notification about a sign-up says of it: the performance, the slot, the sign-up and its characters. */
export const aboutSignUp = (r: SignUpRecord) => ({
  performance: r.performance,
  slot: r.slot,
  signUpId: r.signUpId,
  characters: r.characterNames,
});

/** The performer of a sign-up as the reader of an email about it. */
export const performerReader = (r: SignUpRecord) => ({
  name: r.performer.name,
  email: r.performer.email,
  timeZone: r.performer.timeZone,
});

const signUpFields = [
  'performanceId',
  'performerId',
  'signUpId',
  'slotId',
  'characterIds',
  'accessNeeds',
  'status',
  'castAs',
  'history',
  'reminderAt',
  'invite',
  'createdAt',
  'updatedAt',
  'performance',
  'slot',
  'characterNames',
  'castAsName',
  'performer',
] as const;

export function toSignUpRecord(item: Record<string, unknown>): SignUpRecord {
  return Object.fromEntries(signUpFields.filter((f) => f in item).map((f) => [f, item[f]])) as unknown as SignUpRecord;
}

/** The sign-up item, indexed by performer (gsi1) so each performer can list their auditions. */
export function signUpItem(record: SignUpRecord): Record<string, unknown> {
  return {
    ...keys.signUp(record.performanceId, record.performerId),
    ...indexKeys.performerSignUps(record.performerId, record.createdAt, record.performanceId),
    type: 'SignUp',
    ...record,
  };
}

/** Passes only while the performance is still at the version the caller decided on and casting is open. */
export function performanceUnchangedStep(tableName: string, performance: Performance): TransactionStep {
  return {
    write: {
      ConditionCheck: {
        TableName: tableName,
        Key: keys.performance(performance.performanceId),
        ConditionExpression: 'version = :version AND castingClosed = :open AND attribute_not_exists(deletedAt)',
        ExpressionAttributeValues: { ':version': performance.version, ':open': false },
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
 * Records a new sign-up and its two notifications in one transaction. The slot's place is taken by a conditional
 * counter, so concurrent sign-ups can never exceed its capacity; the sign-up item's condition keeps one active
 * sign-up per performer and performance.
 */
export async function recordSignUp(
  tableName: string,
  request: {
    performance: Performance;
    record: SignUpRecord;
    capacity: number;
    extraSteps?: readonly TransactionStep[];
  },
  notifications: readonly Notification[],
  now: Date,
): Promise<void> {
  const { performance, record } = request;
  await transact([
    performanceUnchangedStep(tableName, performance),
    {
      write: {
        Update: {
          TableName: tableName,
          Key: keys.slotCount(performance.performanceId, record.slotId),
          UpdateExpression: 'ADD taken :one SET #type = :type',
          ConditionExpression: 'attribute_not_exists(taken) OR taken < :capacity',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':capacity': request.capacity, ':type': 'SlotCount' },
        },
      },
      onConditionFailed: () => new SlotFullError('This audition slot is full.'),
    },
    {
      write: {
        Put: {
          TableName: tableName,
          Item: signUpItem(record),
          ConditionExpression: 'attribute_not_exists(pk) OR NOT (#status IN (:signedUp, :cast))',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':signedUp': 'signed-up', ':cast': 'cast' },
        },
      },
      onConditionFailed: () => new AlreadySignedUpError('You already have a sign-up for this performance.'),
    },
    ...(request.extraSteps ?? []),
    ...notifications.map((n) => outboxStep(tableName, n, now)),
  ]);
}

/**
 * The step that writes a sign-up's next state, failing if it is no longer in the status it was read in
 * (`signed-up` unless said otherwise), so two changes racing for one sign-up cannot both happen.
 */
export function signUpStatusStep(
  tableName: string,
  updated: SignUpRecord,
  from: SignUpStatus = 'signed-up',
): TransactionStep {
  return {
    write: {
      Put: {
        TableName: tableName,
        Item: signUpItem(updated),
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':from': from },
      },
    },
    onConditionFailed: () => new NotSignedUpError(`There is no ${from} sign-up to change.`),
  };
}

/** Withdraws: the sign-up's status, the freed place and the notification, together. */
export async function recordWithdrawal(
  tableName: string,
  updated: SignUpRecord,
  notification: Notification,
  now: Date,
  extraSteps: readonly TransactionStep[] = [],
): Promise<void> {
  await transact([
    signUpStatusStep(tableName, updated),
    {
      write: {
        Update: {
          TableName: tableName,
          Key: keys.slotCount(updated.performanceId, updated.slotId),
          UpdateExpression: 'ADD taken :minusOne',
          ConditionExpression: 'taken > :zero',
          ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
        },
      },
    },
    ...extraSteps,
    outboxStep(tableName, notification, now),
  ]);
}

/** Casts: the sign-up's status and the character's count (never beyond its places), with the notification. */
export async function recordCasting(
  tableName: string,
  request: { performance: Performance; updated: SignUpRecord; characterId: string; places: number },
  notification: Notification,
  now: Date,
): Promise<void> {
  const { performance, updated, characterId, places } = request;
  await transact([
    performanceUnchangedStep(tableName, performance),
    signUpStatusStep(tableName, updated),
    {
      write: {
        Update: {
          TableName: tableName,
          Key: keys.characterCount(performance.performanceId, characterId),
          UpdateExpression: 'ADD #cast :one SET #type = :type',
          ConditionExpression: 'attribute_not_exists(#cast) OR #cast < :places',
          ExpressionAttributeNames: { '#cast': 'cast', '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':places': places, ':type': 'CharacterCount' },
        },
      },
      onConditionFailed: () => new CharacterFullError('This character already has all the performers it takes.'),
    },
    outboxStep(tableName, notification, now),
  ]);
}

/** Undoes a casting: the sign-up back to "signed up" and the character's place freed, with the notification. */
export async function recordCastingUndone(
  tableName: string,
  request: { performance: Performance; updated: SignUpRecord; characterId: string },
  notification: Notification,
  now: Date,
): Promise<void> {
  const { performance, updated, characterId } = request;
  await transact([
    performanceUnchangedStep(tableName, performance),
    signUpStatusStep(tableName, updated, 'cast'),
    {
      write: {
        Update: {
          TableName: tableName,
          Key: keys.characterCount(performance.performanceId, characterId),
          UpdateExpression: 'ADD #cast :minusOne',
          ConditionExpression: '#cast > :zero',
          ExpressionAttributeNames: { '#cast': 'cast' },
          ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
        },
      },
    },
    outboxStep(tableName, notification, now),
  ]);
}

export async function readSignUp(tableName: string, performanceId: string, performerId: string): Promise<SignUpRecord> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName, Key: keys.signUp(performanceId, performerId), ConsistentRead: true }),
  );
  if (!Item) throw new NotFoundError('No such sign-up.');
  return toSignUpRecord(Item);
}

/** Every sign-up of a performance (owners' view), read from the performance's own partition. */
export async function listSignUpsOfPerformance(tableName: string, performanceId: string): Promise<SignUpRecord[]> {
  const records: SignUpRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :signup)',
        ExpressionAttributeValues: { ':pk': keys.performance(performanceId).pk, ':signup': 'SIGNUP#' },
        ExclusiveStartKey: startKey,
      }),
    );
    records.push(...(page.Items ?? []).map(toSignUpRecord));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return records;
}

/** A performer's sign-ups, newest first (gsi1). */
export async function listSignUpsOfPerformer(tableName: string, performerId: string): Promise<SignUpRecord[]> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :performer',
      ExpressionAttributeValues: { ':performer': `PERFORMER#${performerId}` },
      ScanIndexForward: false,
      Limit: 500,
    }),
  );
  return Items.map(toSignUpRecord);
}

/**
 * After a performer changes time zone, re-plans the reminder of each of their open sign-ups for 19:00 in the new
 * zone (or none, if that moment has passed), each sign-up in its own transaction.
 */
export async function replanReminders(
  tableName: string,
  performerId: string,
  timeZone: string,
  now: Date,
  plan: (record: SignUpRecord) => string | undefined,
): Promise<number> {
  const open = (await listSignUpsOfPerformer(tableName, performerId)).filter(
    (r) => r.status === 'signed-up' && r.performer.timeZone !== timeZone,
  );
  for (const record of open) {
    const updated: SignUpRecord = {
      ...record,
      performer: { ...record.performer, timeZone },
      reminderAt: plan({ ...record, performer: { ...record.performer, timeZone } }),
      updatedAt: now.toISOString(),
    };
    try {
      await withReminderOrNone(updated, (change) =>
        transact([signUpStatusStep(tableName, change), ...reminderChangeSteps(tableName, record, change)]),
      );
    } catch (error) {
      if (!(error instanceof NotSignedUpError)) throw error; // it moved on meanwhile: nothing to re-plan
    }
  }
  return open.length;
}
