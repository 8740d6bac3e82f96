import type { IndexDefinition } from '../src/adapters/dynamodb/table-definition';

/** The parts of the table whose provisioned capacity is set: the table and each index. */
interface CapacityShape {
  readonly readCapacity: number;
  readonly indexes: readonly Pick<IndexDefinition, 'name' | 'readCapacity'>[];
}

/** One stage's units (read or write) for the table and for each index by name. */
export interface CapacitySplit {
  readonly table: number;
  readonly indexes: Readonly<Record<string, number>>;
}

/** The smallest total that gives the table and each index one unit. */
export function minimumCapacity(shape: CapacityShape): number {
  return 1 + shape.indexes.length;
}

/**
 * Divides `total` units between the table and its indexes in the proportions of the table definition (10:5:5:5 of
 * 25 today, so 25 splits exactly as defined), each part at least 1 unit, the remainder to the table. The same
 * proportions serve reads and writes: the definition gives each part as many of one as of the other.
 */
export function splitCapacity(total: number, shape: CapacityShape): CapacitySplit {
  if (!Number.isInteger(total) || total < minimumCapacity(shape)) {
    throw new Error(`Capacity ${total} must be a whole number of at least ${minimumCapacity(shape)} (1 a part)`);
  }
  const weights = [shape.readCapacity, ...shape.indexes.map((index) => index.readCapacity)];
  const whole = weights.reduce((sum, weight) => sum + weight, 0);
  const indexUnits = shape.indexes.map((index) => Math.max(1, Math.floor((total * index.readCapacity) / whole)));
  const table = total - indexUnits.reduce((sum, units) => sum + units, 0);
  if (table < 1) throw new Error(`Capacity ${total} leaves nothing for the table`);
  return { table, indexes: Object.fromEntries(shape.indexes.map((index, i) => [index.name, indexUnits[i]!])) };
}
