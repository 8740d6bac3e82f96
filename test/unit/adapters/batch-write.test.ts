import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WriteRequest } from '../../../src/adapters/dynamodb/batch-write';
import { batchWrite, maxBatchItems } from '../../../src/adapters/dynamodb/batch-write';
import { documentClient } from '../../../src/adapters/dynamodb/document-client';
import { ServiceUnavailableError } from '../../../src/domain/errors';

const put = (n: number): WriteRequest => ({ PutRequest: { Item: { pk: `P#${n}`, sk: 'S' } } });

/**
 * Answers each BatchWriteItem call (nothing is sent) by leaving unprocessed what `unprocessed` returns, and
 * records the requests of every call.
 */
function answerWith(unprocessed: (requests: WriteRequest[], call: number) => WriteRequest[]) {
  const calls: WriteRequest[][] = [];
  documentClient().middlewareStack.add(
    () => async (args) => {
      const requests = Object.values((args.input as { RequestItems: Record<string, WriteRequest[]> }).RequestItems)[0];
      calls.push(requests ?? []);
      const left = unprocessed(requests ?? [], calls.length);
      return { output: { UnprocessedItems: left.length ? { t: left } : {}, $metadata: {} }, response: {} };
    },
    { step: 'initialize', name: 'unitBatchAnswer' },
  );
  return calls;
}

describe('batchWrite', () => {
  beforeAll(() => {
    process.env.AWS_REGION ??= 'us-east-1';
  });
  afterEach(() => {
    documentClient().middlewareStack.remove('unitBatchAnswer');
    vi.restoreAllMocks();
  });

  it('sends at most 25 a call, and sends again what DynamoDB left unprocessed until none is left', async () => {
    const calls = answerWith((requests, call) => (call === 1 ? requests.slice(20) : []));
    const requests = Array.from({ length: 30 }, (_, n) => put(n));
    await batchWrite('t', requests);
    expect(calls.map((c) => c.length)).toEqual([maxBatchItems, 5, 5]);
    expect(calls.flat().filter((_, i) => i < 20 || i >= 25)).toEqual(requests);
  });

  it('fails, losing nothing silently, when items stay unprocessed (the stream delivers the batch again)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0); // no backoff pauses in a unit test
    const calls = answerWith((requests) => requests);
    await expect(batchWrite('t', [put(1), put(2)])).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(calls.length).toBeGreaterThan(1);
  });

  it('sends nothing for no requests', async () => {
    const calls = answerWith(() => []);
    await batchWrite('t', []);
    expect(calls).toEqual([]);
  });
});
