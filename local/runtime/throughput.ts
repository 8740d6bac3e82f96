import type { AttributeValue, ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import {
  BatchGetItemCommand,
  DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import type { IndexDefinition } from '../../src/adapters/dynamodb/table-definition';
import { projectionOf, tableDefinition } from '../../src/adapters/dynamodb/table-definition';

/**
 * Provisioned throughput as DynamoDB enforces it, for DynamoDB Local (which never throttles): a token bucket per
 * table and per index, filled at the provisioned units a second and holding up to 300 s of unused capacity (the
 * burst credit). A call is admitted while every bucket it draws on holds capacity, and then pays what it consumed
 * (as DynamoDB reports it), which may leave the bucket in debt until it refills. A call refused is answered with
 * ProvisionedThroughputExceededException, a transaction with TransactionCanceledException whose reasons say
 * ProvisionedThroughputExceeded, exactly as the service answers, so the SDK's retries and the product's 503 run.
 */

export interface Capacity {
  readonly read: number;
  readonly write: number;
}

/** The table's and each index's provisioned units a second, and how many seconds of unused units are kept. */
export interface ThroughputLimits {
  readonly table: Capacity;
  readonly indexes: Readonly<Record<string, Capacity>>;
  readonly burstSeconds: number;
}

/** DynamoDB keeps up to five minutes of unused capacity for bursts. */
export const burstSeconds = 300;

/** The name this meter uses for the base table (indexes go by their own names). */
export const baseTable = 'table';

/** The figures the stack deploys (src/adapters/dynamodb/table-definition.ts). */
export function deployedLimits(): ThroughputLimits {
  return {
    table: { read: tableDefinition.readCapacity, write: tableDefinition.writeCapacity },
    indexes: Object.fromEntries(
      tableDefinition.indexes.map((index) => [index.name, { read: index.readCapacity, write: index.writeCapacity }]),
    ),
    burstSeconds,
  };
}

/** The same capacity for the table and every index (for tests that want to reach the limit quickly). */
export function uniformLimits(capacity: Capacity, burst = burstSeconds): ThroughputLimits {
  return {
    table: capacity,
    indexes: Object.fromEntries(tableDefinition.indexes.map((index) => [index.name, capacity])),
    burstSeconds: burst,
  };
}

/**
 * Units that accrue at `ratePerSecond`, at most `burstSeconds` of them; starts full. Taking more than it holds
 * leaves it in debt: it admits nothing until the debt is paid off.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burstSeconds: number,
    now: number,
  ) {
    this.tokens = this.size;
    this.last = now;
  }

  /** The most units it holds: the burst credit (at least one second's worth). */
  get size(): number {
    return this.ratePerSecond * Math.max(1, this.burstSeconds);
  }

  balance(now: number): number {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.tokens = Math.min(this.size, this.tokens + elapsed * this.ratePerSecond);
    this.last = Math.max(this.last, now);
    return this.tokens;
  }

  admits(now: number): boolean {
    return this.balance(now) > 0;
  }

  take(units: number, now: number): void {
    this.balance(now);
    this.tokens -= units;
  }
}

// DynamoDB's item size rules, for items in the low-level form (AttributeValue maps).

type Item = Record<string, AttributeValue>;

/** Bytes of one attribute value: strings and binaries their length, numbers ~1 byte per 2 digits + 1, … */
export function attributeValueSize(value: AttributeValue | Record<string, unknown>): number {
  const v = value as Record<string, unknown>;
  if (typeof v.S === 'string') return Buffer.byteLength(v.S, 'utf8');
  if (typeof v.N === 'string') return numberSize(v.N);
  if (v.B !== undefined) return binarySize(v.B);
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (Array.isArray(v.SS)) return (v.SS as string[]).reduce((n, s) => n + Buffer.byteLength(s, 'utf8'), 0);
  if (Array.isArray(v.NS)) return (v.NS as string[]).reduce((n, s) => n + numberSize(s), 0);
  if (Array.isArray(v.BS)) return (v.BS as unknown[]).reduce((n: number, b) => n + binarySize(b), 0);
  if (Array.isArray(v.L)) return 3 + (v.L as AttributeValue[]).reduce((n, e) => n + 1 + attributeValueSize(e), 0);
  if (v.M && typeof v.M === 'object') {
    return (
      3 +
      Object.entries(v.M as Record<string, AttributeValue>).reduce(
        (n, [name, e]) => n + 1 + Buffer.byteLength(name, 'utf8') + attributeValueSize(e),
        0,
      )
    );
  }
  return 0;
}

function numberSize(text: string): number {
  const digits = text.replace(/[-+.]|e.*$/gi, '').replace(/^0+|0+$/g, '').length;
  return Math.ceil(Math.max(1, digits) / 2) + 1;
}

function binarySize(value: unknown): number {
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value === 'string') return Buffer.from(value, 'base64').byteLength;
  return 0;
}

/** The size DynamoDB bills an item by: each attribute's name and value. */
export function itemBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce(
    (n, [name, value]) => n + Buffer.byteLength(name, 'utf8') + attributeValueSize(value),
    0,
  );
}

/** Read units for `bytes` read: 4 KB units, an eventually consistent read half, at least one unit's worth. */
export const readUnits = (bytes: number, consistent: boolean): number =>
  Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);

/** Write units for an item of `bytes`: 1 KB units, at least one. */
export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

/** A transaction pays two write units per KB of every item it writes or checks (ConditionCheck included). */
export const transactionWriteUnits = (itemSizes: readonly number[]): number =>
  itemSizes.reduce((total, bytes) => total + 2 * writeUnits(bytes), 0);

/**
 * The entry an index holds for `item`: its table and index keys and the projected attributes; none when the item
 * lacks the index's keys (a sparse index).
 */
export function indexEntry(item: Item | undefined, index: IndexDefinition): Item | undefined {
  if (!item || !item[index.partitionKey] || !item[index.sortKey]) return undefined;
  const projection = projectionOf(index);
  if (projection.type === 'ALL') return item;
  const keep = new Set([
    tableDefinition.partitionKey,
    tableDefinition.sortKey,
    index.partitionKey,
    index.sortKey,
    ...(projection.attributes ?? []),
  ]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => keep.has(name)));
}

/** One item of a TransactWriteItems call: what it was before and after (undefined where there was none). */
export interface TransactedItem {
  readonly action: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
  readonly before?: Item;
  readonly after?: Item;
}

const sameItem = (a: Item, b: Item) => {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((n) => JSON.stringify(a[n]) === JSON.stringify(b[n]));
};

/**
 * What a transaction consumes by DynamoDB's rules, from the real items: the table pays 2 units per KB of each item
 * (the larger of before and after; ConditionCheck included: the prepare and the commit phase each write it). An
 * index is updated after the commit, as for any write, once: 1 unit per KB of each entry it writes, none when the
 * entry is unchanged or absent, a delete and a put when the item moves to other index keys. (DynamoDB Local
 * reports one item of a transaction, and doubles its index writes.)
 */
export function transactionConsumed(items: readonly TransactedItem[]): Consumed {
  const consumed: Record<string, number> = {
    [baseTable]: transactionWriteUnits(
      items.map(({ before, after }) => Math.max(before ? itemBytes(before) : 0, after ? itemBytes(after) : 0)),
    ),
  };
  for (const index of tableDefinition.indexes) {
    let units = 0;
    for (const { action, before, after } of items) {
      if (action === 'ConditionCheck') continue;
      const [was, is] = [indexEntry(before, index), indexEntry(after, index)];
      if (was && is && sameItem(was, is)) continue;
      const sameKeys =
        was && is && [index.partitionKey, index.sortKey].every((k) => JSON.stringify(was[k]) === JSON.stringify(is[k]));
      if (sameKeys) units += writeUnits(Math.max(itemBytes(was), itemBytes(is)));
      else units += [was, is].reduce((n, e) => n + (e ? writeUnits(itemBytes(e)) : 0), 0);
    }
    if (units > 0) consumed[index.name] = units;
  }
  return consumed;
}

/** Units one call consumed, per table (`table`) and index name. */
export type Consumed = Readonly<Record<string, number>>;

export type Kind = 'read' | 'write';

/** Splits DynamoDB's ConsumedCapacity into units per table and index. */
export function consumedByResource(capacity: ConsumedCapacity | readonly ConsumedCapacity[] | undefined): Consumed {
  const result: Record<string, number> = {};
  for (const c of Array.isArray(capacity) ? capacity : capacity ? [capacity] : []) {
    const parts: [string, number][] = [];
    if (c.Table?.CapacityUnits !== undefined) parts.push([baseTable, c.Table.CapacityUnits]);
    const indexes = (c.GlobalSecondaryIndexes ?? {}) as Record<string, { CapacityUnits?: number }>;
    for (const [name, index] of Object.entries(indexes)) parts.push([name, index.CapacityUnits ?? 0]);
    if (parts.length === 0 && c.CapacityUnits) parts.push([baseTable, c.CapacityUnits]);
    for (const [name, units] of parts) result[name] = (result[name] ?? 0) + units;
  }
  return result;
}

export interface MeteredCall {
  readonly command: string;
  readonly kind: Kind;
  readonly consumed: Consumed;
}

/** Buckets for every table and index, refusing or charging calls; unmetered (never refusing) without limits. */
export class ThroughputMeter {
  private buckets = new Map<string, TokenBucket>();
  private limitsInForce: ThroughputLimits | undefined;
  private readonly listeners = new Set<(call: MeteredCall) => void>();

  constructor(
    limits: ThroughputLimits | undefined,
    private readonly clock: () => number = Date.now,
  ) {
    this.setLimits(limits);
  }

  get limits(): ThroughputLimits | undefined {
    return this.limitsInForce;
  }

  /** Replaces the limits (undefined: unmetered); every bucket starts full again. */
  setLimits(limits: ThroughputLimits | undefined): void {
    this.limitsInForce = limits;
    this.buckets = new Map();
    if (!limits) return;
    const now = this.clock();
    const all: [string, Capacity][] = [[baseTable, limits.table], ...Object.entries(limits.indexes)];
    for (const [name, capacity] of all) {
      this.buckets.set(`${name}:read`, new TokenBucket(capacity.read, limits.burstSeconds, now));
      this.buckets.set(`${name}:write`, new TokenBucket(capacity.write, limits.burstSeconds, now));
    }
  }

  /** The tables and indexes among `resources` that have no `kind` capacity left now. */
  exhausted(kind: Kind, resources: Iterable<string>): string[] {
    const now = this.clock();
    return [...new Set(resources)].filter((name) => this.buckets.get(`${name}:${kind}`)?.admits(now) === false);
  }

  /** Takes what a call consumed from the buckets, and tells the listeners (metered or not). */
  charge(call: MeteredCall): void {
    const now = this.clock();
    for (const [name, units] of Object.entries(call.consumed))
      this.buckets.get(`${name}:${call.kind}`)?.take(units, now);
    this.listeners.forEach((listener) => listener(call));
  }

  /** Whether anything depends on the charges: limits to enforce or listeners to tell. */
  get charging(): boolean {
    return this.limitsInForce !== undefined || this.listeners.size > 0;
  }

  /** Calls `listener` with every call's consumption; returns a function that stops it. */
  observe(listener: (call: MeteredCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const readCommands = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const writeCommands = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

type Input = Record<string, unknown>;

/** The indexes a write of this request may touch: those whose key attributes the request names. */
function indexesNamedBy(request: Input): string[] {
  const text = [
    Object.keys((request.Item as Item | undefined) ?? {}).join(' '),
    String(request.UpdateExpression ?? ''),
    Object.values((request.ExpressionAttributeNames as Record<string, string> | undefined) ?? {}).join(' '),
  ].join(' ');
  const words = new Set(text.split(/[^\w]+/));
  return tableDefinition.indexes
    .filter((index) => words.has(index.partitionKey) || words.has(index.sortKey))
    .map((index) => index.name);
}

/** The tables and indexes a call draws on, before it runs. */
function resourcesOf(operation: string, input: Input): string[] {
  if (readCommands.has(operation)) return [(input.IndexName as string | undefined) ?? baseTable];
  if (operation === 'BatchWriteItem') {
    const requests = Object.values((input.RequestItems as Record<string, Input[]> | undefined) ?? {}).flat();
    return [baseTable, ...requests.flatMap((r) => indexesNamedBy((r.PutRequest as Input | undefined) ?? {}))];
  }
  return [baseTable, ...indexesNamedBy(input)];
}

const tableMessage =
  'The level of configured provisioned throughput for the table was exceeded. Consider increasing your ' +
  'provisioning level with the UpdateTable API.';
const indexMessage =
  'The level of configured provisioned throughput for one or more global secondary indexes of the table was ' +
  'exceeded. Consider increasing the provisioning level for the under-provisioned global secondary indexes with ' +
  'the UpdateTable API.';

/**
 * DynamoDB's answer to a call beyond the provisioned throughput of the `exhausted` table or indexes: for a
 * transaction, TransactionCanceledException with a ProvisionedThroughputExceeded reason for each item drawing on
 * them; otherwise ProvisionedThroughputExceededException.
 * @example throw throughputRefusal('PutItem', input, [baseTable])
 */
export function throughputRefusal(operation: string, input: Input, exhausted: readonly string[]): Error {
  const message = exhausted.includes(baseTable) ? tableMessage : indexMessage;
  const $metadata = { httpStatusCode: 400 };
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    const reasons = ((input.TransactItems as Input[] | undefined) ?? []).map((item) => {
      const step = Object.values(item)[0] as Input;
      const drawsOn = operation === 'TransactGetItems' ? [baseTable] : resourcesOf('PutItem', step);
      return drawsOn.some((name) => exhausted.includes(name))
        ? { Code: 'ProvisionedThroughputExceeded', Message: message }
        : { Code: 'None' };
    });
    return new TransactionCanceledException({
      $metadata,
      message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      CancellationReasons: reasons,
    });
  }
  return new ProvisionedThroughputExceededException({ $metadata, message });
}

/**
 * The units a call consumed. DynamoDB Local reports them (ReturnConsumedCapacity INDEXES) following DynamoDB's
 * rules, transactions included (2 units per KB of each item, ConditionCheck too); where it reports nothing or too
 * little, DynamoDB's own rules fill in: a Query always costs at least one read (half when eventually consistent).
 */
function consumedBy(operation: string, input: Input, output: Input): Consumed {
  const consumed = { ...consumedByResource(output.ConsumedCapacity as ConsumedCapacity | undefined) };
  if (operation === 'Query' || operation === 'Scan') {
    const resource = (input.IndexName as string | undefined) ?? baseTable;
    consumed[resource] = Math.max(consumed[resource] ?? 0, readUnits(0, input.ConsistentRead === true));
    // Local reports a zero table entry for an index query; DynamoDB bills the index alone.
    if (resource !== baseTable && consumed[baseTable] === 0) delete consumed[baseTable];
  }
  return consumed;
}

interface TransactionStepKey {
  readonly action: TransactedItem['action'];
  readonly tableName: string;
  readonly key: Item;
}

/** The item each step of a TransactWriteItems input writes or checks, by its key. */
function transactionItems(input: Input): TransactionStepKey[] {
  return ((input.TransactItems as Input[] | undefined) ?? []).flatMap((entry) => {
    const [action, step] = Object.entries(entry).find(([, v]) => v) as [TransactedItem['action'], Input];
    const item = step.Item as Item | undefined;
    const key =
      (step.Key as Item | undefined) ??
      (item && {
        [tableDefinition.partitionKey]: item[tableDefinition.partitionKey] as AttributeValue,
        [tableDefinition.sortKey]: item[tableDefinition.sortKey] as AttributeValue,
      });
    return key ? [{ action, tableName: String(step.TableName), key }] : [];
  });
}

/** The items at these keys as they are now (undefined where there is none), read unmetered. */
async function currentItems(
  client: DynamoDBClient,
  steps: readonly TransactionStepKey[],
): Promise<(Item | undefined)[]> {
  const found = new Map<string, Item>();
  const id = (tableName: string, key: Item) =>
    [tableName, key[tableDefinition.partitionKey], key[tableDefinition.sortKey]]
      .map((v) => JSON.stringify(v))
      .join('|');
  let request: Record<string, { Keys: Item[]; ConsistentRead: boolean }> | undefined = {};
  for (const step of steps) {
    (request[step.tableName] ??= { Keys: [], ConsistentRead: true }).Keys.push(step.key);
  }
  while (request && Object.keys(request).length) {
    const { Responses = {}, UnprocessedKeys } = await client.send(new BatchGetItemCommand({ RequestItems: request }));
    for (const [tableName, items] of Object.entries(Responses)) {
      for (const item of items) {
        found.set(id(tableName, item), item);
      }
    }
    request = UnprocessedKeys as typeof request;
  }
  return steps.map((step) => found.get(id(step.tableName, step.key)));
}

const zip = <A, B, C>(a: readonly A[], b: readonly B[], c: readonly C[]): [A, B, C][] =>
  a.map((x, i) => [x, b[i] as B, c[i] as C]);

interface FinalizeArgs {
  input: Input;
}

interface Stack {
  add(middleware: unknown, options: { step: string; name: string; override?: boolean }): void;
  addRelativeTo(
    middleware: unknown,
    options: { relation: 'after' | 'before'; toMiddleware: string; name: string; override?: boolean },
  ): void;
}

/**
 * Installs the meter on a DynamoDB client (the product's, `documentClient()`): asks DynamoDB for the consumed
 * capacity of every call, refuses calls over the limit and charges the rest. It sits inside the SDK's retry
 * middleware, so a refused call is retried by the SDK as a throttled call to DynamoDB is.
 */
export function meterClient(client: { middlewareStack: unknown }, meter: ThroughputMeter): void {
  const stack = client.middlewareStack as Stack;
  stack.add(
    (next: (args: FinalizeArgs) => Promise<unknown>) => async (args: FinalizeArgs) => {
      args.input.ReturnConsumedCapacity ??= 'INDEXES';
      return next(args);
    },
    { step: 'initialize', name: 'localConsumedCapacity', override: true },
  );
  let raw: DynamoDBClient | undefined;
  /** A failed conditional write still pays for the item it read: its size (1 unit when there is none). */
  const conditionFailureUnits = async (input: Input, error: Input): Promise<number> => {
    let item = error.Item as Item | undefined;
    if (!item && input.Key) {
      raw ??= new DynamoDBClient({});
      item = (await raw.send(new GetItemCommand({ TableName: input.TableName as string, Key: input.Key as Item })))
        .Item;
    }
    return writeUnits(item ? itemBytes(item) : 0);
  };
  stack.addRelativeTo(
    (next: (args: FinalizeArgs) => Promise<{ output: Input }>, context: { commandName?: string }) =>
      async (args: FinalizeArgs) => {
        const operation = (context.commandName ?? '').replace(/Command$/, '');
        const kind: Kind | undefined = readCommands.has(operation)
          ? 'read'
          : writeCommands.has(operation)
            ? 'write'
            : undefined;
        if (!kind) return next(args);
        const exhausted = meter.exhausted(kind, resourcesOf(operation, args.input));
        if (exhausted.length) throw throughputRefusal(operation, args.input, exhausted);
        // DynamoDB Local under-reports transactions (it bills one item of several), so they are priced here.
        const transaction = operation === 'TransactWriteItems' && meter.charging ? transactionItems(args.input) : [];
        raw ??= new DynamoDBClient({});
        const before = transaction.length ? await currentItems(raw, transaction) : [];
        try {
          const result = await next(args);
          const consumed = transaction.length
            ? transactionConsumed(
                zip(transaction, before, await currentItems(raw, transaction)).map(([step, was, is]) => ({
                  action: step.action,
                  before: was,
                  after: step.action === 'ConditionCheck' ? was : is,
                })),
              )
            : consumedBy(operation, args.input, result.output);
          meter.charge({ command: operation, kind, consumed });
          return result;
        } catch (error) {
          if ((error as Error).name === 'ConditionalCheckFailedException' && meter.charging) {
            const units = await conditionFailureUnits(args.input, error as Input).catch(() => 1);
            meter.charge({ command: operation, kind, consumed: { [baseTable]: units } });
          }
          throw error;
        }
      },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'localThroughput', override: true },
  );
}
