import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { NotFoundError, PhotoLimitError, VersionConflictError } from '../../domain/errors';
import type { ProfilePhotos } from '../../domain/ports/photos';
import { documentClient } from './document-client';
import { keys } from './keys';

const names = { '#photos': 'photos', '#role': 'role' };

/** The stored list, or [] when the item has none. */
const photosOf = (item: Record<string, unknown> | undefined): string[] =>
  Array.isArray(item?.photos) ? (item.photos as string[]) : [];

/**
 * A performer's photo ids as the `photos` list of their profile item (`USER#<sub>` / `PROFILE`). Every change is
 * one conditional update, so the list's limit and order hold against concurrent requests: the database decides.
 */
export function dynamoProfilePhotos(tableName: string): ProfilePhotos {
  const key = keys.profile;
  return {
    async list(performerId) {
      const { Item } = await documentClient().send(
        new GetCommand({
          TableName: tableName,
          Key: key(performerId),
          ConsistentRead: true,
          ProjectionExpression: '#photos, #role',
          ExpressionAttributeNames: names,
        }),
      );
      return Item?.role === 'performer' ? photosOf(Item) : undefined;
    },

    async add(performerId, photoId, maxPhotos) {
      try {
        const { Attributes } = await documentClient().send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(performerId),
            UpdateExpression: 'SET #photos = list_append(if_not_exists(#photos, :none), :added)',
            // Room for one more, and not there already: a 6th photo or a repeated confirmation cannot slip in.
            ConditionExpression:
              'attribute_exists(pk) AND #role = :performer AND ' +
              '(attribute_not_exists(#photos) OR (size(#photos) < :max AND NOT contains(#photos, :id)))',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: {
              ':none': [],
              ':added': [photoId],
              ':performer': 'performer',
              ':max': maxPhotos,
              ':id': photoId,
            },
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return photosOf(Attributes);
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const old = error.Item ? unmarshall(error.Item) : undefined;
        if (old?.role !== 'performer') throw new NotFoundError('No performer profile exists for this account.');
        const photos = photosOf(old);
        if (photos.includes(photoId)) return photos; // confirmed before: the same answer again
        throw new PhotoLimitError(`A profile holds at most ${maxPhotos} photos; delete one first.`);
      }
    },

    async remove(performerId, photoId) {
      // The list item is removed by its index, on condition it still holds this id; a concurrent change retries.
      for (let attempt = 0; attempt < 3; attempt++) {
        const photos = (await this.list(performerId)) ?? [];
        const at = photos.indexOf(photoId);
        if (at < 0) return false;
        try {
          await documentClient().send(
            new UpdateCommand({
              TableName: tableName,
              Key: key(performerId),
              UpdateExpression: `REMOVE #photos[${at}]`,
              ConditionExpression: `#photos[${at}] = :id`,
              ExpressionAttributeNames: { '#photos': 'photos' },
              ExpressionAttributeValues: { ':id': photoId },
            }),
          );
          return true;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      throw new VersionConflictError('The photos changed while this one was being removed; try again.');
    },

    async reorder(performerId, expected, order) {
      try {
        await documentClient().send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(performerId),
            UpdateExpression: 'SET #photos = :order',
            ConditionExpression: '#photos = :expected',
            ExpressionAttributeNames: { '#photos': 'photos' },
            ExpressionAttributeValues: { ':order': [...order], ':expected': [...expected] },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          throw new VersionConflictError('The photos changed since you read them; reload and try again.');
        }
        throw error;
      }
    },
  };
}
