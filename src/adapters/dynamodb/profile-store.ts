import { BatchGetCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Profile, ProfileStore } from '../../domain/profile';
import { documentClient } from './document-client';

export const profileKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' });

function toProfile(item: Record<string, unknown>): Profile {
  const { userId, role, name, email, phone, timeZone, credits, createdAt } = item as unknown as Profile;
  return { userId, role, name, email, phone, timeZone, credits: credits ?? [], createdAt };
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
    async update(userId, changes) {
      const fields = Object.entries(changes).filter(([, value]) => value !== undefined);
      try {
        const { Attributes } = await documentClient().send(
          new UpdateCommand({
            TableName: tableName,
            Key: profileKey(userId),
            UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: Object.fromEntries(fields.map(([name], i) => [`#f${i}`, name])),
            ExpressionAttributeValues: Object.fromEntries(fields.map(([, value], i) => [`:v${i}`, value])),
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ? toProfile(Attributes) : undefined;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },
  };
}

/** Several profiles by user id (at most 100 per call to DynamoDB; missing ones are left out). */
export async function readProfiles(tableName: string, userIds: readonly string[]): Promise<Profile[]> {
  const unique = [...new Set(userIds)];
  const found: Profile[] = [];
  for (let i = 0; i < unique.length; i += 100) {
    const { Responses } = await documentClient().send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: unique.slice(i, i + 100).map(profileKey) } } }),
    );
    found.push(...(Responses?.[tableName] ?? []).map(toProfile));
  }
  return found;
}
