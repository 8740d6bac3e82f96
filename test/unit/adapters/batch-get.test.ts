import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { batchGet } from '../../../src/adapters/dynamodb/batch-get';
import { documentClient } from '../../../src/adapters/dynamodb/document-client';
import { ServiceUnavailableError } from '../../../src/domain/errors';

type Key = Record<string, unknown>;
const key = (n: number): Key => ({ pk: `P#${n}`, sk: 'S' });

/**
 * Answers each BatchGetItem call (nothing is sent): the keys `unprocessed` returns are left unprocessed, the
 * others are found (as items equal to their keys); records each call's input.
 */
function answerWith(unprocessed: (keys: Key[], call: number) => Key[]) {
  const calls: { Keys: Key[]; ConsistentRead?: boolean; ProjectionExpression?: string }[] = [];
  documentClient().middlewareStack.add(
    () => async (args) => {
      const [request] = Object.values((args.input as { RequestItems: Record<string, (typeof calls)[0]> }).RequestItems);
      calls.push(request!);
      const left = unprocessed(request!.Keys, calls.length);
      const found = request!.Keys.filter((k) => !left.includes(k));
      return {
        output: { Responses: { t: found }, UnprocessedKeys: left.length ? { t: { Keys: left } } : {}, $metadata: {} },
        response: {},
      };
    },
    { step: 'initialize', name: 'unitBatchGetAnswer' },
  );
  return calls;
}

describe('batchGet', () => {
  beforeAll(() => {
    process.env.AWS_REGION ??= 'us-east-1';
  });
  afterEach(() => {
    documentClient().middlewareStack.remove('unitBatchGetAnswer');
    vi.restoreAllMocks();
  });

  it('reads at most 100 keys a call and asks again for what DynamoDB left unprocessed, returning every item', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const calls = answerWith((keys, call) => (call === 1 ? keys.slice(60) : []));
    const keys = Array.from({ length: 130 }, (_, n) => key(n));
    const items = await batchGet('t', keys, { consistentRead: true, attributes: ['pk', 'name'] });
    expect(calls.map((c) => c.Keys.length)).toEqual([100, 40, 30]);
    expect(items).toHaveLength(130);
    expect(new Set(items.map((item) => item.pk))).toEqual(new Set(keys.map((k) => k.pk)));
    expect(calls[0]).toMatchObject({ ConsistentRead: true, ProjectionExpression: '#a0, #a1' });
  });

  it('fails with 503 rather than dropping items when keys stay unprocessed', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const calls = answerWith((keys) => keys);
    await expect(batchGet('t', [key(1)])).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(calls.length).toBeGreaterThan(1);
  });

  it('reads nothing for no keys', async () => {
    const calls = answerWith(() => []);
    expect(await batchGet('t', [])).toEqual([]);
    expect(calls).toEqual([]);
  });
});
