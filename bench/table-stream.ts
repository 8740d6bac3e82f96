import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../src/adapters/dynamodb/table-definition';

/**
 * Switches the table's stream off or on. Bulk loads go in with it off, as a restore would: otherwise the local
 * stream consumer would replay every loaded item. Switched on again, DynamoDB starts a new stream, which the
 * local consumer reads from its start, so it sees only what is written afterwards.
 */
export async function setTableStream(tableName: string, enabled: boolean): Promise<void> {
  const client = new DynamoDBClient({});
  await client.send(
    new UpdateTableCommand({
      TableName: tableName,
      StreamSpecification: enabled
        ? { StreamEnabled: true, StreamViewType: tableDefinition.stream }
        : { StreamEnabled: false },
    }),
  );
  for (let attempt = 0; attempt < 50; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Boolean(Table?.StreamSpecification?.StreamEnabled) === enabled) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The stream of ${tableName} did not turn ${enabled ? 'on' : 'off'}`);
}
