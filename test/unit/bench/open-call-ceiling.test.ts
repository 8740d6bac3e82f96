import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ceiling } from '../../../bench/open-call';

const capacities: Record<string, { read: number; write: number }> = {
  table: { read: 10, write: 10 },
  gsi1: { read: 5, write: 5 },
  gsi3: { read: 5, write: 5 },
};
const capacity = (resource: string, kind: 'read' | 'write') => capacities[resource]?.[kind] ?? 0;

describe('ceiling', () => {
  it('is bound by the resource that runs out first', () => {
    const per = { table: { read: 2, write: 8 }, gsi1: { read: 0, write: 1 }, gsi3: { read: 0, write: 1 } };
    expect(ceiling(capacity, per)).toEqual({ value: 1.25, boundBy: 'table W' });
    expect(ceiling(capacity, { gsi3: { read: 1, write: 1 } }, 120)).toEqual({ value: 600, boundBy: 'gsi3 R' });
  });

  it('never needs more units than any resource provides, and uses all of the binding one', () => {
    const units = fc.record({ read: fc.integer({ min: 0, max: 50 }), write: fc.integer({ min: 0, max: 50 }) });
    fc.assert(
      fc.property(fc.record({ table: units, gsi1: units, gsi3: units }), fc.integer({ min: 1, max: 600 }), (per, s) => {
        const { value, boundBy } = ceiling(capacity, per, s);
        const used = Object.entries(per).flatMap(([r, u]) => [
          [`${r} R`, u.read, capacity(r, 'read')] as const,
          [`${r} W`, u.write, capacity(r, 'write')] as const,
        ]);
        if (used.every(([, n]) => n === 0)) return expect(value).toBe(Number.POSITIVE_INFINITY);
        for (const [, n, c] of used) expect(value * n).toBeLessThanOrEqual(c * s + 1e-9);
        const binding = used.find(([name]) => name === boundBy);
        expect(binding).toBeDefined();
        expect(value * (binding?.[1] ?? 0)).toBeCloseTo((binding?.[2] ?? 0) * s);
      }),
    );
  });
});
