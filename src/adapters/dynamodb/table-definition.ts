import { performanceFields, reminderFields, signUpFields } from './item-fields';

/**
 * The shape of the single DynamoDB table: keys, indexes, TTL, stream and provisioned capacity.
 * Read by the local stack (to create the table) and by the CDK stack, so both build the same table.
 * Capacities sum to 25 RCU and 25 WCU across the table and its indexes: the always-free allowance.
 */
export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /**
   * What an index entry holds beside the keys: every attribute (`ALL`), none (`KEYS_ONLY`) or the named ones. A
   * write touches an index only when it changes the entry's keys or a projected attribute, and pays for the entry's
   * size, so a narrow projection keeps writes cheap.
   */
  readonly projection: 'ALL' | 'KEYS_ONLY' | readonly string[];
  readonly readCapacity: number;
  readonly writeCapacity: number;
}

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
  readCapacity: 10,
  writeCapacity: 10,
  indexes: [
    {
      // Performances by owner and sign-ups by performer: what those lists read, and whether a performance is deleted.
      name: 'gsi1',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
      projection: [...new Set([...performanceFields, ...signUpFields, 'deletedAt'])],
      readCapacity: 5,
      writeCapacity: 5,
    },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'ALL', readCapacity: 5, writeCapacity: 5 },
    {
      // The sign-ups waiting for a reminder: only what the dispatcher sends from.
      name: 'gsi3',
      partitionKey: 'gsi3pk',
      sortKey: 'gsi3sk',
      projection: reminderFields,
      readCapacity: 5,
      writeCapacity: 5,
    },
  ] satisfies IndexDefinition[] as readonly IndexDefinition[],
} as const;

/** The index's projection as the CreateTable API and CloudFormation spell it. */
export function projectionOf(index: IndexDefinition): { type: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; attributes?: string[] } {
  return typeof index.projection === 'string'
    ? { type: index.projection }
    : { type: 'INCLUDE', attributes: [...index.projection] };
}
