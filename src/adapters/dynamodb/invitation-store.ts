import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  AlreadyInvitedError,
  CastingClosedError,
  InvitationsOffError,
  NotFoundError,
  PerformerNotFoundError,
  VersionConflictError,
} from '../../domain/errors';
import type { Invitation, InvitedPerformanceState } from '../../domain/invitation';
import { invitationLimitReached, invitationsPerDirectorPerDay } from '../../domain/invitation';
import type { InvitationStore } from '../../domain/ports/invitations';
import { activeStatuses } from '../../domain/signup';
import { batchGet } from './batch-get';
import { documentClient } from './document-client';
import { keyPrefixes, keys } from './keys';
import { outboxStep } from './outbox';
import type { TransactionStep } from './transactions';
import { transact } from './transactions';

/** A day's counter outlives its day by one, for anyone looking into a complaint; then the table's TTL removes it. */
const counterKeptSeconds = 24 * 3600;

const invitationFields = [
  'invitationId',
  'performanceId',
  'performerId',
  'directorId',
  'performerName',
  'performance',
  'slot',
  'message',
  'status',
  'createdAt',
  'updatedAt',
] as const;

function toInvitation(item: Record<string, unknown>): Invitation {
  return Object.fromEntries(
    invitationFields.flatMap((field) => (item[field] === undefined ? [] : [[field, item[field]]])),
  ) as unknown as Invitation;
}

/** The performer is still one a director may invite: listed, taking invitations (checked where it is written). */
function invitableStep(tableName: string, performerId: string): TransactionStep {
  return {
    write: {
      ConditionCheck: {
        TableName: tableName,
        Key: keys.profile(performerId),
        ConditionExpression:
          '#role = :performer AND listed = :yes AND (attribute_not_exists(invitations) OR invitations = :yes)',
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: { ':performer': 'performer', ':yes': true },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    onConditionFailed: (existing) =>
      existing?.role === 'performer' && existing.listed === true
        ? new InvitationsOffError('This performer does not take invitations.')
        : new PerformerNotFoundError('No such performer in the talent directory.'),
  };
}

/** The performance is still there with casting open: its guard, a few bytes, not the performance item. */
function performanceOpenStep(tableName: string, performanceId: string): TransactionStep {
  return {
    write: {
      ConditionCheck: {
        TableName: tableName,
        Key: keys.performanceGuard(performanceId),
        // A performance older than guards has none; its deletion and closing are still refused by the read before.
        ConditionExpression: 'attribute_not_exists(pk) OR (castingClosed = :open AND attribute_not_exists(deletedAt))',
        ExpressionAttributeValues: { ':open': false },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    onConditionFailed: (existing) =>
      !existing?.deletedAt
        ? new CastingClosedError('Casting for this performance is closed.')
        : new NotFoundError('No such performance.'),
  };
}

/**
 * Invitations as one item each, `INVITATIONS#<performanceId>` / `INVITE#<performerId>` (a performance's
 * invitations are one Query), and a pointer in the performer's partition (`USER#<performerId>` /
 * `INVITATION#<createdAt>#<performanceId>`, their invitations newest first in one Query) written in the same
 * transaction. The status lives on the invitation only, so marking it is one conditional update.
 */
export function dynamoInvitationStore(tableName: string): InvitationStore {
  const read = async (performanceId: string, performerId: string) => {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName, Key: keys.invitation(performanceId, performerId), ConsistentRead: true }),
    );
    return Item ? toInvitation(Item) : undefined;
  };
  return {
    async send({ invitation, day, notification }, now) {
      const { performanceId, performerId, directorId, createdAt } = invitation;
      await transact([
        invitableStep(tableName, performerId),
        performanceOpenStep(tableName, performanceId),
        {
          write: {
            Put: {
              TableName: tableName,
              Item: { ...keys.invitation(performanceId, performerId), type: 'Invitation', ...invitation },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          onConditionFailed: () =>
            new AlreadyInvitedError('You have already invited this performer to this performance.'),
        },
        {
          write: {
            Update: {
              TableName: tableName,
              Key: keys.invitationCount(directorId, day.day),
              UpdateExpression: 'ADD invitations :one SET #type = :type, expiresAt = :expiresAt',
              ConditionExpression: 'attribute_not_exists(invitations) OR invitations < :limit',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: {
                ':one': 1,
                ':limit': invitationsPerDirectorPerDay,
                ':type': 'InvitationCount',
                ':expiresAt': Math.floor(day.endsAt.getTime() / 1000) + counterKeptSeconds,
              },
            },
          },
          onConditionFailed: () => invitationLimitReached(now),
        },
        {
          write: {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.performerInvitation(performerId, createdAt, performanceId),
                type: 'InvitationPointer',
                performanceId,
              },
            },
          },
        },
        outboxStep(tableName, [notification], now),
      ]);
    },
    find: read,
    async listOfPerformance(performanceId) {
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documentClient().send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.invitation(performanceId, '').pk },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return items.map(toInvitation).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async listOfPerformer(performerId, limit) {
      const { Items = [] } = await documentClient().send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': keys.profile(performerId).pk,
            ':prefix': keyPrefixes.performerInvitation,
          },
          ScanIndexForward: false,
          Limit: limit,
          ConsistentRead: true,
        }),
      );
      const found = await batchGet(
        tableName,
        Items.map((pointer) => keys.invitation(String(pointer.performanceId), performerId)),
        { consistentRead: true },
      );
      return found.map(toInvitation).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    async replace(before, after) {
      try {
        await documentClient().send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.invitation(before.performanceId, before.performerId),
            UpdateExpression: 'SET #status = :status, updatedAt = :updatedAt',
            ConditionExpression: '#status = :before',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': after.status,
              ':updatedAt': after.updatedAt,
              ':before': before.status,
            },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException)
          throw new VersionConflictError('The invitation changed meanwhile.', { cause: error });
        throw error;
      }
    },
    async standings(invitations) {
      // The sign-ups and the performances' guards (a few bytes each, unlike the performance items), in one read.
      const performanceIds = [...new Set(invitations.map((i) => i.performanceId))];
      const found = await batchGet(
        tableName,
        [
          ...invitations.map((i) => keys.signUp(i.performanceId, i.performerId)),
          ...performanceIds.map((id) => keys.performanceGuard(id)),
        ],
        { attributes: ['pk', 'sk', 'status', 'castingClosed', 'deletedAt'] },
      );
      const byKey = new Map(found.map((item) => [`${String(item.pk)} ${String(item.sk)}`, item]));
      const at = (key: { pk: string; sk: string }) => byKey.get(`${key.pk} ${key.sk}`);
      // A performance older than guards has none: its own item says the same (rare, so read only then).
      const unguarded = performanceIds.filter((id) => !at(keys.performanceGuard(id)));
      const performances = unguarded.length
        ? await batchGet(tableName, unguarded.map(keys.performance), {
            attributes: ['pk', 'sk', 'castingClosed', 'deletedAt'],
          })
        : [];
      const stateOf = new Map<string, InvitedPerformanceState>();
      for (const id of performanceIds) {
        const item = at(keys.performanceGuard(id)) ?? performances.find((p) => p.pk === keys.performance(id).pk);
        // No item at all: the performance is gone as far as anyone can tell.
        stateOf.set(id, !item || item.deletedAt ? 'deleted' : item.castingClosed === true ? 'closed' : 'casting');
      }
      return new Map(
        invitations.map((i) => [
          i.invitationId,
          {
            signedUp: (activeStatuses as readonly unknown[]).includes(
              at(keys.signUp(i.performanceId, i.performerId))?.status,
            ),
            performance: stateOf.get(i.performanceId) ?? 'deleted',
          },
        ]),
      );
    },
  };
}
