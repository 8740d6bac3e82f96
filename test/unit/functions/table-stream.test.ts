import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { performanceItem } from '../../../src/adapters/dynamodb/performance-store';
import type { Performance } from '../../../src/domain/performance';
import { logger } from '../../../src/functions/logger';
import { handler } from '../../../src/functions/table-stream';
import { performance } from '../domain/decisions/fixtures';
import { stubFunctionEnv } from '../../support/function-env';

/**
 * The stream follow-up of a performance change decides from the performance's sign-ups. In DynamoDB (not DynamoDB
 * Local, which is always consistent) an eventually consistent Query may miss a sign-up written just before the
 * change or show it before its last change, so the read must be strongly consistent. Nothing is sent here: the
 * document client's `send` records each command and answers it.
 */

const image = (item: Record<string, unknown>) =>
  marshall(item, { removeUndefinedValues: true }) as Record<string, AttributeValue>;

function performanceChange(before: Performance & { deletedAt?: string }, after: Performance & { deletedAt?: string }) {
  return {
    Records: [
      {
        eventName: 'MODIFY',
        dynamodb: {
          ApproximateCreationDateTime: Date.parse(after.updatedAt) / 1000,
          OldImage: image(performanceItem(before)),
          NewImage: image({ ...performanceItem(after), ...(after.deletedAt ? { deletedAt: after.deletedAt } : {}) }),
        },
      },
    ],
  } as unknown as DynamoDBStreamEvent;
}

const context = { functionName: 'table-stream', awsRequestId: 'request-1' } as Context;
const later = { version: performance.version + 1, updatedAt: '2027-03-02T10:00:00.000Z' };

describe('the stream follow-up of a performance change', () => {
  let sent: unknown[];
  let level: string;
  beforeAll(() => {
    level = logger.getLevelName();
    logger.setLogLevel('SILENT');
  });
  afterAll(() => logger.setLogLevel(level as 'INFO'));

  beforeEach(() => {
    stubFunctionEnv();
    sent = [];
    vi.spyOn(DynamoDBDocumentClient.prototype, 'send').mockImplementation(async (command: unknown) => {
      sent.push(command);
      return command instanceof QueryCommand ? { Items: [] } : {};
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  const [first, second] = performance.slots as [Performance['slots'][number], Performance['slots'][number]];
  it.each([
    ['deleted', { ...performance, ...later, deletedAt: later.updatedAt }],
    ['casting closed', { ...performance, ...later, castingClosed: true }],
    ['a slot removed', { ...performance, ...later, slots: [second] }],
    ['a slot moved', { ...performance, ...later, slots: [{ ...first, start: '2027-03-29T10:00' }, second] }],
  ])('reads the sign-ups with a strongly consistent Query, after closing the slots (%s)', async (_case, after) => {
    await handler(performanceChange(performance, after), context);
    const queries = sent.filter((c): c is QueryCommand => c instanceof QueryCommand);
    expect(queries).toHaveLength(1);
    expect(queries[0]!.input).toMatchObject({
      KeyConditionExpression: expect.stringContaining('begins_with(sk, :signup)'),
      ConsistentRead: true,
    });
    expect(queries[0]!.input.IndexName).toBeUndefined();
    const closes = sent.filter((c) => c instanceof UpdateCommand);
    expect(sent.indexOf(queries[0])).toBe(closes.length);
  });

  it('reads nothing for a change that does not concern the sign-ups', async () => {
    await handler(performanceChange(performance, { ...performance, ...later, title: 'Hamlet, again' }), context);
    expect(sent).toEqual([]);
  });
});
