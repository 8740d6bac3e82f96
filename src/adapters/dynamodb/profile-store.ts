import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { checkDirectoryChanges, directoryFieldsOf } from '../../domain/directory';
import type { Profile, ProfileChanges } from '../../domain/profile';
import type { ProfileStore } from '../../domain/ports/profiles';
import type { PendingRegistration, PendingRegistrationStore } from '../../domain/accounts';
import { batchGet } from './batch-get';
import { documentClient } from './document-client';
import { keys } from './keys';

/** The key of a user's profile item. */
export const profileKey = keys.profile;

function toProfile(item: Record<string, unknown>): Profile {
  const { userId, role, name, email, phone, timeZone, credits, invitations, createdAt, photos } =
    item as unknown as Profile;
  return {
    userId,
    role,
    name,
    email,
    phone,
    timeZone,
    credits: credits ?? [],
    ...(invitations === undefined ? {} : { invitations }),
    createdAt,
    ...directoryFieldsOf(item),
    ...(photos?.length ? { photos } : {}),
  };
}

/** Several profiles by user id (missing ones are left out). */
async function readProfiles(tableName: string, userIds: readonly string[]): Promise<Profile[]> {
  const items = await batchGet(tableName, [...new Set(userIds)].map(profileKey));
  return items.map(toProfile);
}

/**
 * The condition that keeps a playing age range from running backwards when a change sets one end only: the stored
 * other end, if any, must still be on the right side of it (two tabs, each setting one end, cannot both win).
 * A change setting both ends was checked whole before it was sent.
 */
function playingAgeCondition(
  changes: ProfileChanges,
): { expression: string; names: Record<string, string>; values: Record<string, number> } | undefined {
  const { ageMin, ageMax } = changes as { ageMin?: number | null; ageMax?: number | null };
  if (typeof ageMin === 'number' && ageMax === undefined) {
    return {
      expression: '(attribute_not_exists(#ageMax) OR #ageMax >= :ageMin)',
      names: { '#ageMax': 'ageMax' },
      values: { ':ageMin': ageMin },
    };
  }
  if (typeof ageMax === 'number' && ageMin === undefined) {
    return {
      expression: '(attribute_not_exists(#ageMin) OR #ageMin <= :ageMax)',
      names: { '#ageMin': 'ageMin' },
      values: { ':ageMax': ageMax },
    };
  }
  return undefined;
}

/** Profiles as items `USER#<sub>` / `PROFILE` in the application table. */
export function dynamoProfileStore(tableName: string): ProfileStore {
  return {
    async create(profile) {
      try {
        await documentClient().send(
          new PutCommand({
            TableName: tableName,
            Item: { ...profileKey(profile.userId), type: 'Profile', ...profile },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async get(userId) {
      const { Item } = await documentClient().send(new GetCommand({ TableName: tableName, Key: profileKey(userId) }));
      return Item ? toProfile(Item) : undefined;
    },
    readMany: (userIds) => readProfiles(tableName, userIds),
    async update(userId, changes) {
      const fields = Object.entries(changes).filter(([, value]) => value !== undefined);
      // A null change clears the field (directory fields).
      const set = fields.flatMap(([, value], i) => (value === null ? [] : [`#f${i} = :v${i}`]));
      const remove = fields.flatMap(([, value], i) => (value === null ? [`#f${i}`] : []));
      const values = fields.flatMap(([, value], i) => (value === null ? [] : [[`:v${i}`, value]]));
      const range = playingAgeCondition(changes);
      try {
        const { Attributes } = await documentClient().send(
          new UpdateCommand({
            TableName: tableName,
            Key: profileKey(userId),
            UpdateExpression: [
              set.length ? `SET ${set.join(', ')}` : '',
              remove.length ? `REMOVE ${remove.join(', ')}` : '',
            ]
              .filter(Boolean)
              .join(' '),
            ConditionExpression: ['attribute_exists(pk)', ...(range ? [range.expression] : [])].join(' AND '),
            ExpressionAttributeNames: {
              ...Object.fromEntries(fields.map(([name], i) => [`#f${i}`, name])),
              ...range?.names,
            },
            ...(values.length || range
              ? { ExpressionAttributeValues: { ...Object.fromEntries(values), ...range?.values } }
              : {}),
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return Attributes ? toProfile(Attributes) : undefined;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        if (!error.Item) return undefined;
        // The profile exists, so the playing age range changed since it was checked (another tab, another
        // request): checked again against the stored profile, it names the field as the first check would.
        checkDirectoryChanges(toProfile(unmarshall(error.Item)), changes);
        throw error;
      }
    },
  };
}

const registrationKey = keys.registration;
/** A registration request is kept long enough to confirm the emailed code, then expires. */
const registrationDays = 7;

/**
 * Sign-up requests as items `REGISTRATION#<email>` / `PENDING`, expired by the table's TTL. A request bound to
 * the identity it created (`userId`) is replaced only by `bind`, never by a later `save`.
 */
export function dynamoRegistrationStore(tableName: string): PendingRegistrationStore {
  const item = (registration: PendingRegistration) => ({
    ...registrationKey(registration.email),
    type: 'PendingRegistration',
    ...registration,
    expiresAt: Math.floor(Date.parse(registration.requestedAt) / 1000) + registrationDays * 24 * 3600,
  });
  return {
    async save(registration) {
      try {
        await documentClient().send(
          new PutCommand({
            TableName: tableName,
            Item: item(registration),
            ConditionExpression: 'attribute_not_exists(userId)',
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async bind(registration) {
      await documentClient().send(new PutCommand({ TableName: tableName, Item: item(registration) }));
    },
    async get(email) {
      const { Item } = await documentClient().send(
        new GetCommand({ TableName: tableName, Key: registrationKey(email), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const { role, name, phone, timeZone, requestedAt, userId } = Item as PendingRegistration;
      return { email, role, name, phone, timeZone, requestedAt, ...(userId ? { userId } : {}) };
    },
  };
}
