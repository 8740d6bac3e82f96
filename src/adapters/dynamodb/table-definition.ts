/**
 * The shape of the single DynamoDB table: keys, indexes, TTL, stream and provisioned capacity.
 * Read by the local stack (to create the table) and by the CDK stack, so both build the same table.
 * Capacities sum to 25 RCU and 25 WCU across the table and its indexes: the always-free allowance.
 */
export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
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
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', readCapacity: 5, writeCapacity: 5 },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', readCapacity: 5, writeCapacity: 5 },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', readCapacity: 5, writeCapacity: 5 },
  ] satisfies IndexDefinition[],
} as const;
