import { CreateTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** The naive design's table: the performance items alone, keyed like the real ones, with no index. */
export const naiveTableName = 'bench-naive-performances';

export async function createNaiveTable(client: DynamoDBClient): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: naiveTableName,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}

/**
 * A Scan of every performance item with a substring filter: how a design without an index would search. A
 * search must read the whole table to sort by next audition, so it pages to the end.
 */
export async function naiveSearch(client: DynamoDBClient, keyword: string) {
  let startKey: Record<string, AttributeValue> | undefined;
  let units = 0;
  let pages = 0;
  let scanned = 0;
  let matches = 0;
  const word = keyword.charAt(0).toUpperCase() + keyword.slice(1);
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: naiveTableName,
        FilterExpression: 'contains(title, :word) OR contains(description, :keyword)',
        ExpressionAttributeValues: { ':word': { S: word }, ':keyword': { S: keyword } },
        ExclusiveStartKey: startKey,
        ReturnConsumedCapacity: 'TOTAL',
        // DynamoDB pages at 1 MB anyway (~700 of these items); without a Limit, DynamoDB Local runs out of heap
        // on a filtered Scan of 100k items.
        Limit: 500,
      }),
    );
    startKey = page.LastEvaluatedKey;
    units += page.ConsumedCapacity?.CapacityUnits ?? 0;
    pages += 1;
    scanned += page.ScannedCount ?? 0;
    matches += page.Count ?? 0;
  } while (startKey);
  return { units, pages, scanned, matches };
}
