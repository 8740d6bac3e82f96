import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

export interface TableChange {
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly type: string | undefined;
  readonly newItem?: Record<string, unknown>;
  readonly oldItem?: Record<string, unknown>;
  /** When DynamoDB made the change. */
  readonly at: Date;
}

/**
 * DynamoDB Local's stream hands an empty map attribute over as `{}` instead of `{ M: {} }`, which unmarshall
 * refuses. An attribute value with no type is never valid, so it can only be that empty map.
 */
function repairEmptyMaps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(repairEmptyMaps);
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return { M: {} };
  return Object.fromEntries(
    entries.map(([key, inner]) => [key, key === 'M' || key === 'L' ? repairChildren(inner) : inner]),
  );
}

function repairChildren(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(repairEmptyMaps);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, repairEmptyMaps(v)]));
}

/** A stream record as plain items (the stream carries DynamoDB's typed attribute values). */
export function decodeStreamRecord(record: DynamoDBRecord): TableChange {
  const image = (value: unknown) =>
    value ? unmarshall(repairChildren(value) as Record<string, AttributeValue>) : undefined;
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
