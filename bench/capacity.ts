import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../src/adapters/dynamodb/table-definition';
import { documentClient } from '../src/adapters/dynamodb/document-client';
import { itemSize, writeUnits } from './item-size';

// Middleware sees the low-level command names, whichever client (document or plain) sent them.
const readCommands = new Set([
  'GetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'TransactGetItemsCommand',
]);

/** Capacity units consumed, split into reads and writes, and per table or index (`audition-me`, `gsi2`, …). */
export interface Consumption {
  readUnits: number;
  writeUnits: number;
  calls: number;
  readonly byIndex: Record<string, { read: number; write: number }>;
  /** Calls and units per SDK command, e.g. `PutItemCommand`. */
  readonly byCommand: Record<string, { calls: number; units: number }>;
}

export const noConsumption = (): Consumption => ({ readUnits: 0, writeUnits: 0, calls: 0, byIndex: {}, byCommand: {} });

function add(total: Consumption, command: string, capacity: ConsumedCapacity): void {
  const isRead = readCommands.has(command);
  const units = capacity.CapacityUnits ?? 0;
  (total.byCommand[command] ??= { calls: 0, units: 0 }).units += units;
  if (isRead) total.readUnits += units;
  else total.writeUnits += units;
  const parts: [string, number][] = [];
  if (capacity.Table?.CapacityUnits !== undefined) parts.push(['table', capacity.Table.CapacityUnits]);
  for (const [name, index] of Object.entries(capacity.GlobalSecondaryIndexes ?? {})) {
    parts.push([name, index.CapacityUnits ?? 0]);
  }
  if (parts.length === 0) parts.push(['table', units]);
  for (const [name, value] of parts) {
    const slot = (total.byIndex[name] ??= { read: 0, write: 0 });
    if (isRead) slot.read += value;
    else slot.write += value;
  }
}

type Item = Record<string, unknown>;
const keyOf = (key: Item | undefined) => `${String(key?.pk)}\u0000${String(key?.sk)}`;

/**
 * Sizes of the items this process has read or written, so a transaction's Update, Delete or ConditionCheck can
 * be priced by the size of the item it touches (1 KB when the item was never seen).
 */
class ItemSizes {
  private readonly sizes = new Map<string, number>();
  remember(item: Item | undefined): void {
    if (!item) return;
    if (this.sizes.size > 200_000) this.sizes.clear();
    this.sizes.set(keyOf(item), itemSize(item));
  }
  of(key: Item | undefined): number {
    return this.sizes.get(keyOf(key)) ?? 1024;
  }
}

interface TransactItem {
  Put?: { Item?: Item };
  Update?: { Key?: Item; UpdateExpression?: string };
  Delete?: { Key?: Item };
  ConditionCheck?: { Key?: Item };
}

/**
 * DynamoDB Local reports the capacity of only one item of a TransactWriteItems call, so transactions are priced
 * here by DynamoDB's rules instead: 2 WCU per KB of each item written or checked in the table, and 1 WCU per KB
 * in each index the item is (or was) in. Index writes of a transaction are counted at the standard rate.
 */
function transactionCapacity(items: readonly TransactItem[], sizes: ItemSizes): ConsumedCapacity {
  let table = 0;
  const indexes: Record<string, number> = {};
  const indexWrite = (name: string, bytes: number) => (indexes[name] = (indexes[name] ?? 0) + writeUnits(bytes, false));
  for (const step of items) {
    if (step.Put?.Item) {
      const bytes = itemSize(step.Put.Item);
      table += writeUnits(bytes, true);
      for (const index of tableDefinition.indexes)
        if (index.partitionKey in step.Put.Item) indexWrite(index.name, bytes);
      sizes.remember(step.Put.Item);
    } else if (step.Update) {
      const bytes = sizes.of(step.Update.Key);
      table += writeUnits(bytes, true);
      for (const index of tableDefinition.indexes) {
        if (step.Update.UpdateExpression?.includes(index.partitionKey)) indexWrite(index.name, bytes);
      }
    } else if (step.Delete) {
      table += writeUnits(sizes.of(step.Delete.Key), true);
    } else if (step.ConditionCheck) {
      table += writeUnits(sizes.of(step.ConditionCheck.Key), true);
    }
  }
  const indexTotal = Object.values(indexes).reduce((a, b) => a + b, 0);
  return {
    TableName: 'estimated from item sizes',
    CapacityUnits: table + indexTotal,
    Table: { CapacityUnits: table },
    GlobalSecondaryIndexes: Object.fromEntries(
      Object.entries(indexes).map(([name, units]) => [name, { CapacityUnits: units }]),
    ),
  };
}

/**
 * Asks DynamoDB for the capacity every call of this process's document client consumes (ReturnConsumedCapacity
 * INDEXES, added by middleware, so the application code is measured unchanged) and adds it to `meter.current`.
 * The local functions run in this process and share that client, so API calls made over HTTP are counted too.
 */
export function meterDynamoDb() {
  const meter = { current: noConsumption() };
  const sizes = new ItemSizes();
  documentClient().middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity ??= 'INDEXES';
      const result = await next(args);
      const command = context.commandName ?? 'unknown';
      const output = result.output as {
        ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[];
        Item?: Item;
        Items?: Item[];
        Responses?: Record<string, Item[]>;
      };
      output.Items?.forEach((item) => sizes.remember(item));
      sizes.remember(output.Item);
      Object.values(output.Responses ?? {}).forEach((items) => items.forEach((item) => sizes.remember(item)));
      if (command === 'PutItemCommand') sizes.remember(input.Item as Item | undefined);
      const consumed =
        command === 'TransactWriteItemsCommand'
          ? transactionCapacity((input.TransactItems ?? []) as TransactItem[], sizes)
          : output.ConsumedCapacity;
      const total = meter.current;
      total.calls += 1;
      (total.byCommand[command] ??= { calls: 0, units: 0 }).calls += 1;
      for (const capacity of Array.isArray(consumed) ? consumed : consumed ? [consumed] : [])
        add(total, command, capacity);
      return result;
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
  return {
    /** Starts counting afresh and returns the previous count. */
    reset(): Consumption {
      const previous = meter.current;
      meter.current = noConsumption();
      return previous;
    },
    get current(): Consumption {
      return meter.current;
    },
    remove: () => documentClient().middlewareStack.remove('benchConsumedCapacity'),
  };
}

/** Units by table and index, divided by `count` (per request or per event). */
export function perRequest(used: Consumption, count: number): Record<string, { read: number; write: number }> {
  const n = Math.max(1, count);
  return Object.fromEntries(
    Object.entries(used.byIndex).map(([name, u]) => [
      name,
      { read: Math.round((u.read / n) * 100) / 100, write: Math.round((u.write / n) * 100) / 100 },
    ]),
  );
}
