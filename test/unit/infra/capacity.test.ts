import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimumCapacity, splitCapacity } from '../../../infra/capacity';
import { tableDefinition } from '../../../src/adapters/dynamodb/table-definition';
import { synthesize } from './synthesized';

const parts = (total: number) => {
  const split = splitCapacity(total, tableDefinition);
  return [split.table, ...tableDefinition.indexes.map((i) => split.indexes[i.name]!)];
};

describe('splitting a stage’s capacity between the table and its indexes', () => {
  it('splits 25 exactly as the table definition does today', () => {
    const split = splitCapacity(25, tableDefinition);
    expect(split.table).toBe(tableDefinition.readCapacity);
    for (const index of tableDefinition.indexes) expect(split.indexes[index.name], index.name).toBe(index.readCapacity);
  });

  it('gives every part at least 1 and the parts add up to the total, for any total from the minimum up', () => {
    fc.assert(
      fc.property(fc.integer({ min: minimumCapacity(tableDefinition), max: 1000 }), (total) => {
        const split = parts(total);
        expect(split.every((units) => Number.isInteger(units) && units >= 1)).toBe(true);
        expect(split.reduce((a, b) => a + b, 0)).toBe(total);
      }),
    );
  });

  it('refuses a total too small to give every part one unit', () => {
    expect(() => splitCapacity(minimumCapacity(tableDefinition) - 1, tableDefinition)).toThrow(/at least/);
  });
});

describe('a second stage', () => {
  interface Throughput {
    ReadCapacityUnits: number;
    WriteCapacityUnits: number;
  }
  it('deploys its small default capacity, split across the table and its indexes', () => {
    const { props, onlyId } = synthesize({ stage: 'test' });
    const table = props<{
      ProvisionedThroughput: Throughput;
      GlobalSecondaryIndexes: { ProvisionedThroughput: Throughput }[];
    }>(onlyId('AWS::DynamoDB::Table'));
    const all = [table.ProvisionedThroughput, ...table.GlobalSecondaryIndexes.map((i) => i.ProvisionedThroughput)];
    const sum = (key: keyof Throughput) => all.reduce((total, t) => total + t[key], 0);
    expect([sum('ReadCapacityUnits'), sum('WriteCapacityUnits')]).toEqual([5, 5]);
  });

  it('is refused at full free-tier capacity without -c allowSecondFullStage=true', () => {
    expect(() => synthesize({ stage: 'test', readCapacity: '25', writeCapacity: '25' })).toThrow(
      /allowSecondFullStage=true/,
    );
  });
});
