import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { StoredPerformance } from '../../domain/follow-ups';
import { toPerformance } from './performance-store';

export interface TableChange {
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly type: string | undefined;
  readonly newItem?: Record<string, unknown>;
  readonly oldItem?: Record<string, unknown>;
  /** When DynamoDB made the change. */
  readonly at: Date;
}

/** A stream record as plain items (the stream carries DynamoDB's typed attribute values). */
export function decodeStreamRecord(record: DynamoDBRecord): TableChange {
  const image = (value: unknown) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);
  const newItem = image(record.dynamodb?.NewImage);
  const oldItem = image(record.dynamodb?.OldImage);
  const seconds = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventName: (record.eventName ?? 'MODIFY') as TableChange['eventName'],
    type: String(newItem?.type ?? oldItem?.type ?? '') || undefined,
    newItem,
    oldItem,
    at: new Date(seconds ? seconds * 1000 : 0),
  };
}

/** A performance change as the performance before and after it (each undefined when there is none). */
export function performancesOf(change: TableChange): { before?: StoredPerformance; after?: StoredPerformance } {
  const stored = (item: Record<string, unknown>): StoredPerformance => ({
    ...toPerformance(item),
    ...(item.deletedAt ? { deletedAt: String(item.deletedAt) } : {}),
  });
  return {
    before: change.oldItem && stored(change.oldItem),
    after: change.newItem && stored(change.newItem),
  };
}
