import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Profile, ProfileStore } from '../../domain/profile';
import { documentClient } from './document-client';

export const profileKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' });

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
      if (!Item) return undefined;
      const { userId: id, role, name, email, phone, timeZone, createdAt } = Item as Profile;
      return { userId: id, role, name, email, phone, timeZone, createdAt };
    },
  };
}
