import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  baseTable,
  consumedByResource,
  deployedLimits,
  indexEntry,
  itemBytes,
  meterClient,
  readUnits,
  ThroughputMeter,
  TokenBucket,
  transactionConsumed,
  transactionWriteUnits,
  uniformLimits,
  writeUnits,
} from '../../../local/runtime/throughput';
import { tableDefinition } from '../../../src/adapters/dynamodb/table-definition';

describe('the token bucket of a table or index', () => {
  it('starts with 300 s of capacity, admits while it holds any, and refills at the provisioned rate', () => {
    const bucket = new TokenBucket(10, 300, 0);
    expect(bucket.balance(0)).toBe(3000);
    bucket.take(3000, 0);
    expect(bucket.admits(0)).toBe(false);
    expect(bucket.balance(500)).toBeCloseTo(5);
    expect(bucket.admits(500)).toBe(true);
  });

  it('keeps no more than 300 s of unused capacity however long it is idle', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 10_000_000 }), (rate, idleMs) => {
        const bucket = new TokenBucket(rate, 300, 0);
        bucket.take(rate * 300, 0);
        expect(bucket.balance(idleMs)).toBeCloseTo(Math.min(rate * 300, (rate * idleMs) / 1000));
      }),
    );
  });

  it('over any stretch of time lets through no more than the burst plus the rate times the time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 40 })), { maxLength: 200 }),
        (rate, calls) => {
          const bucket = new TokenBucket(rate, 300, 0);
          let now = 0;
          let admitted = 0;
          let largest = 0;
          for (const [gapMs, units] of calls) {
            now += gapMs;
            if (!bucket.admits(now)) continue;
            bucket.take(units, now);
            admitted += units;
            largest = Math.max(largest, units);
          }
          // Debt is allowed for the last call admitted, never more.
          expect(admitted).toBeLessThanOrEqual(rate * 300 + (rate * now) / 1000 + largest);
        },
      ),
    );
  });
});

describe('capacity units by DynamoDB rules', () => {
  const item = (bytes: number): Record<string, AttributeValue> => ({
    pk: { S: 'p' },
    sk: { S: 's' },
    d: { S: 'x'.repeat(bytes) },
  });

  it('sizes an item by its attribute names and values', () => {
    expect(itemBytes({ pk: { S: 'abc' }, n: { N: '12345' }, ok: { BOOL: true } })).toBe(2 + 3 + 1 + 4 + 2 + 1);
    expect(itemBytes({ m: { M: { a: { S: 'xy' } } }, l: { L: [{ S: 'z' }] } })).toBe(
      1 + (3 + 1 + 1 + 2) + 1 + (3 + 1 + 1),
    );
  });

  it('prices reads in 4 KB units (eventually consistent at half) and writes in 1 KB units, at least one', () => {
    expect(readUnits(0, false)).toBe(0.5);
    expect(readUnits(4096, true)).toBe(1);
    expect(readUnits(4097, false)).toBe(1);
    expect(writeUnits(0)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
  });

  it('prices a transaction of n items at 2 × ceil(KB) per item, ConditionCheck included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 * 1024 }), { minLength: 1, maxLength: 100 }), (sizes) => {
        const expected = sizes.reduce((n, bytes) => n + 2 * Math.max(1, Math.ceil(bytes / 1024)), 0);
        expect(transactionWriteUnits(sizes)).toBe(expected);
        expect(transactionWriteUnits(sizes)).toBeGreaterThanOrEqual(2 * sizes.length);
      }),
    );
    expect(transactionWriteUnits([itemBytes(item(3000)), 0, itemBytes(item(100))])).toBe(6 + 2 + 2);
  });

  it('prices each item of a transaction from the real items: the table twice every item, an index once each entry it writes', () => {
    const s = (text: string): AttributeValue => ({ S: text });
    const key = { pk: s('PERF#1'), sk: s('SIGNUP#a') };
    const inGsi1 = { ...key, gsi1pk: s('PERFORMER#a'), gsi1sk: s('2026#1'), title: s('x'.repeat(1500)) };
    const gsi1 = tableDefinition.indexes.find((i) => i.name === 'gsi1');
    expect(indexEntry({ ...key }, gsi1!)).toBeUndefined();
    // A put of a 1.5 KB item in gsi1, a small counter update beside it, and a check of a 3 KB item.
    expect(
      transactionConsumed([
        { action: 'Put', after: inGsi1 },
        {
          action: 'Update',
          before: { pk: s('PERF#1'), sk: s('COUNT#1') },
          after: { pk: s('PERF#1'), sk: s('COUNT#2') },
        },
        { action: 'ConditionCheck', before: { ...key, big: s('y'.repeat(3000)) } },
      ]),
    ).toEqual({ [baseTable]: 4 + 2 + 6, gsi1: 2 });
    // An update that changes no index key and no projected attribute writes no index entry.
    const narrow = tableDefinition.indexes.filter((i) => i.projection !== 'ALL');
    for (const index of narrow) {
      const entry = { ...key, [index.partitionKey]: s('p'), [index.sortKey]: s('q') };
      expect(
        transactionConsumed([{ action: 'Update', before: entry, after: { ...entry, unprojected: s('z') } }])[
          index.name
        ],
      ).toBeUndefined();
    }
    // Moving to other index keys is a delete and a put of the entry.
    expect(
      transactionConsumed([{ action: 'Update', before: inGsi1, after: { ...inGsi1, gsi1sk: s('2027#1') } }]).gsi1,
    ).toBe(4);
  });

  it('splits what DynamoDB reports into the table and each index', () => {
    expect(
      consumedByResource([
        {
          TableName: 't',
          CapacityUnits: 9,
          Table: { CapacityUnits: 3 },
          GlobalSecondaryIndexes: { gsi1: { CapacityUnits: 6 } },
        },
      ]),
    ).toEqual({ [baseTable]: 3, gsi1: 6 });
  });
});

describe('the throughput meter', () => {
  it('uses the deployed figures by default: the table 10/10 and each index its own', () => {
    const limits = deployedLimits();
    expect(limits.burstSeconds).toBe(300);
    expect(limits.table).toEqual({ read: tableDefinition.readCapacity, write: tableDefinition.writeCapacity });
    for (const index of tableDefinition.indexes) {
      expect(limits.indexes[index.name]).toEqual({ read: index.readCapacity, write: index.writeCapacity });
    }
  });

  it('refuses the table or index whose burst credit is used up, separately for reads and writes, until it refills', () => {
    let now = 0;
    const meter = new ThroughputMeter(uniformLimits({ read: 2, write: 1 }, 10), () => now);
    meter.charge({ command: 'PutItem', kind: 'write', consumed: { [baseTable]: 10, gsi1: 4 } });
    expect(meter.exhausted('write', [baseTable, 'gsi1'])).toEqual([baseTable]);
    expect(meter.exhausted('read', [baseTable])).toEqual([]);
    meter.charge({ command: 'Query', kind: 'read', consumed: { gsi2: 25 } });
    expect(meter.exhausted('read', ['gsi2', 'gsi3'])).toEqual(['gsi2']);
    now += 1000;
    expect(meter.exhausted('write', [baseTable])).toEqual([]);
    expect(meter.exhausted('read', ['gsi2'])).toEqual(['gsi2']);
  });

  it('refuses nothing when unmetered, and still tells its listeners what each call consumed', () => {
    const meter = new ThroughputMeter(undefined);
    const seen: number[] = [];
    meter.observe((call) => seen.push(call.consumed[baseTable] ?? 0));
    meter.charge({ command: 'PutItem', kind: 'write', consumed: { [baseTable]: 1e9 } });
    expect(meter.exhausted('write', [baseTable])).toEqual([]);
    expect(seen).toEqual([1e9]);
  });
});

describe('the throughput middleware on a DynamoDB client', () => {
  const client = () => {
    const dynamodb = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    // Nothing listens there: a call the meter lets through is answered here with what DynamoDB reports.
    dynamodb.middlewareStack.add(
      () => async () => ({
        output: { $metadata: {}, ConsumedCapacity: { TableName: 't', CapacityUnits: 2, Table: { CapacityUnits: 2 } } },
        response: {},
      }),
      { step: 'deserialize', priority: 'high', name: 'answeredLocally' },
    );
    return dynamodb;
  };
  const put = new PutItemCommand({ TableName: 't', Item: { pk: { S: 'a' }, sk: { S: 'b' } } });

  it('charges what DynamoDB reports and then refuses with ProvisionedThroughputExceededException', async () => {
    const meter = new ThroughputMeter(uniformLimits({ read: 1, write: 1 }, 1));
    const dynamodb = client();
    meterClient(dynamodb, meter);
    await dynamodb.send(put);
    await expect(dynamodb.send(put)).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
  });

  it('refuses a transaction as DynamoDB does: TransactionCanceledException with ProvisionedThroughputExceeded reasons', async () => {
    const meter = new ThroughputMeter(uniformLimits({ read: 1, write: 1 }, 1));
    meter.charge({ command: 'PutItem', kind: 'write', consumed: { [baseTable]: 5 } });
    const dynamodb = client();
    meterClient(dynamodb, meter);
    const failure = (await dynamodb
      .send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { ConditionCheck: { TableName: 't', Key: { pk: { S: 'a' }, sk: { S: 'b' } }, ConditionExpression: 'x' } },
            { Put: { TableName: 't', Item: { pk: { S: 'c' }, sk: { S: 'd' } } } },
          ],
        }),
      )
      .catch((error: unknown) => error)) as TransactionCanceledException;
    expect(failure).toBeInstanceOf(TransactionCanceledException);
    expect(failure.CancellationReasons?.map((r) => r.Code)).toEqual([
      'ProvisionedThroughputExceeded',
      'ProvisionedThroughputExceeded',
    ]);
  });
});
