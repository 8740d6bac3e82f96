import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../../src/adapters/dynamodb/document-client';
import { transact } from '../../../src/adapters/dynamodb/transactions';
import { ServiceUnavailableError, SlotFullError } from '../../../src/domain/errors';

/** Answers every call of the document client with `error` (the middleware runs before anything is sent). */
function failWith(error: () => Error) {
  documentClient().middlewareStack.add(
    () => async () => {
      throw error();
    },
    { step: 'initialize', name: 'unitFault' },
  );
}

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled [${codes.join(', ')}]`,
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const step = {
  write: { Put: { TableName: 't', Item: { pk: 'a', sk: 'b' } } },
  onConditionFailed: () => new SlotFullError('full'),
};

describe('transact', () => {
  beforeAll(() => {
    process.env.AWS_REGION ??= 'us-east-1';
  });
  afterEach(() => {
    documentClient().middlewareStack.remove('unitFault');
  });

  it.each([['ThrottlingError'], ['ProvisionedThroughputExceeded']])(
    'turns a transaction cancelled for throughput (%s) into a 503 to retry later, not a bug',
    async (code) => {
      failWith(() => cancelled('None', code));
      const error = await transact([step, step]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect((error as ServiceUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
    },
  );

  it('still lets a failed condition decide the error', async () => {
    failWith(() => cancelled('ConditionalCheckFailed', 'ThrottlingError'));
    await expect(transact([step, step])).rejects.toBeInstanceOf(SlotFullError);
  });

  it('passes other cancellations on unchanged', async () => {
    failWith(() => cancelled('ValidationError'));
    await expect(transact([step])).rejects.toBeInstanceOf(TransactionCanceledException);
  });
});
