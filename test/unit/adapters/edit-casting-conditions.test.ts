import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../../src/adapters/dynamodb/document-client';
import { dynamoPerformanceStore } from '../../../src/adapters/dynamodb/performance-store';
import { dynamoSignUpStore } from '../../../src/adapters/dynamodb/signup-store';
import { InUseError, VersionConflictError } from '../../../src/domain/errors';
import type { Performance } from '../../../src/domain/performance';
import { castingLimits } from '../../../src/domain/performance';
import { cast, uncast } from '../../../src/domain/sign-up-decisions';
import { keptSlots } from '../../../src/domain/snapshots';
import { performance, storedSignUp } from '../domain/decisions/fixtures';

/*
 * An edit that removes a slot or a character, or gives a character fewer places, must carry the condition that
 * nobody is cast there into its own transaction; casting and undoing it must count in the slot that condition
 * reads. Each call is stopped before it is sent: the transaction is recorded, and answered as DynamoDB would.
 */

type Item = Record<string, Record<string, unknown>>;
let sent: Item[][] = [];

/** Records each TransactWriteItems request and answers it with `answer` (nothing sent). */
function answerWith(answer: (items: Item[]) => Error | undefined) {
  documentClient().middlewareStack.add(
    () => async (args) => {
      const input = args.input as { TransactItems?: Item[] };
      const items = input.TransactItems ?? [];
      sent.push(items);
      const error = answer(items);
      if (error) throw error;
      return { output: { $metadata: {} }, response: {} } as never;
    },
    { step: 'initialize', name: 'unitAnswer' },
  );
}

/** A cancellation whose condition failed at `index`, with the item as it was there (when given). */
const conditionFailedAt = (count: number, index: number, old?: Record<string, unknown>) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: Array.from({ length: count }, (_, i) =>
      i === index ? { Code: 'ConditionalCheckFailed', ...(old ? { Item: marshall(old) } : {}) } : { Code: 'None' },
    ),
  });

const sk = (item: Item) => {
  const write = Object.values(item)[0] as { Key?: { sk: unknown }; Item?: { sk: unknown } };
  const key = write.Key?.sk ?? write.Item?.sk;
  return typeof key === 'object' && key && 'S' in key ? (key as { S: string }).S : String(key);
};

// Hamlet removed, Ophelia down from 2 places to 1, slot s2 removed, s1 kept as it was.
const before = performance;
const after: Performance = {
  ...performance,
  version: performance.version + 1,
  characters: [{ ...performance.characters[1]!, places: 1 }],
  slots: [performance.slots[0]!],
};
const store = () => dynamoPerformanceStore('table');
const replace = () => store().replace(after, keptSlots(before, after), castingLimits(before, after));

describe('an edit that takes from castings', () => {
  beforeAll(() => {
    process.env.AWS_REGION ??= 'us-east-1';
  });
  afterEach(() => {
    documentClient().middlewareStack.remove('unitAnswer');
    sent = [];
  });

  it('checks in its transaction that nobody is cast in a removed slot or beyond a character’s new places', async () => {
    answerWith(() => undefined);
    await replace();
    const checks = (sent[0] ?? []).filter((item) => 'ConditionCheck' in item).map((item) => item.ConditionCheck!);
    const bySk = new Map(checks.map((c) => [JSON.stringify((c.Key as { sk: unknown }).sk), c]));
    const slot = bySk.get(JSON.stringify({ S: 'COUNT#SLOT#s2' })) ?? bySk.get(JSON.stringify('COUNT#SLOT#s2'));
    expect(slot?.ConditionExpression).toBe('attribute_not_exists(#cast) OR #cast <= :zero');
    const places = (key: string) => {
      const check = bySk.get(JSON.stringify({ S: key })) ?? bySk.get(JSON.stringify(key));
      expect(check?.ConditionExpression).toBe('attribute_not_exists(#cast) OR #cast <= :places');
      return JSON.stringify(check?.ExpressionAttributeValues);
    };
    expect(places('COUNT#CHAR#hamlet')).toMatch(/"0"|:places":0/);
    expect(places('COUNT#CHAR#ophelia')).toMatch(/"1"|:places":1/);
    expect(checks).toHaveLength(3);
  });

  it('adds no check to an edit that removes and shrinks nothing', async () => {
    answerWith(() => undefined);
    const same = { ...performance, version: performance.version + 1 };
    await store().replace(same, keptSlots(before, same), castingLimits(before, same));
    expect((sent[0] ?? []).filter((item) => 'ConditionCheck' in item)).toHaveLength(0);
  });

  it('answers a failed check with the refusal the edit gives when it reads the casting itself', async () => {
    const cases: [string, Record<string, unknown> | undefined, string][] = [
      ['COUNT#SLOT#s2', undefined, 'A slot in which performers were cast cannot be removed.'],
      [
        'COUNT#CHAR#hamlet',
        { cast: 1 },
        'A character that performers signed up for or were cast as cannot be removed.',
      ],
      ['COUNT#CHAR#ophelia', { cast: 2 }, 'Ophelia already has 2 performers cast.'],
    ];
    for (const [key, old, message] of cases) {
      answerWith((items) =>
        conditionFailedAt(
          items.length,
          items.findIndex((item) => sk(item) === key),
          old,
        ),
      );
      const refused = await replace().catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(InUseError);
      expect((refused as Error).message).toBe(message);
      documentClient().middlewareStack.remove('unitAnswer');
    }
  });

  it('is still a version conflict when the performance changed meanwhile', async () => {
    answerWith((items) => conditionFailedAt(items.length, 0));
    await expect(replace()).rejects.toBeInstanceOf(VersionConflictError);
  });
});

describe('casting and undoing it', () => {
  beforeAll(() => {
    process.env.AWS_REGION ??= 'us-east-1';
  });
  afterEach(() => {
    documentClient().middlewareStack.remove('unitAnswer');
    sent = [];
  });

  it('count in the slot of the sign-up, beside its places', async () => {
    answerWith(() => undefined);
    const afterAudition = new Date('2027-03-28T12:00:00Z');
    const signedUp = storedSignUp({ slotId: 's1' });
    const made = cast({ performance, signUp: signedUp }, 'hamlet', afterAudition);
    await dynamoSignUpStore('table').save(made);
    await dynamoSignUpStore('table').save(uncast({ performance, signUp: made.signUp }, afterAudition));
    const slotUpdates = sent.map((items) =>
      items.filter((item) => 'Update' in item && sk(item) === 'COUNT#SLOT#s1').map((item) => item.Update!),
    );
    expect(slotUpdates.map((updates) => updates.length)).toEqual([1, 1]);
    expect(slotUpdates.map((updates) => updates[0]?.UpdateExpression)).toEqual([
      'ADD #cast :by SET #type = :type',
      'ADD #cast :by SET #type = :type',
    ]);
    expect(slotUpdates.map((updates) => JSON.stringify(updates[0]?.ExpressionAttributeValues))).toEqual([
      expect.stringMatching(/":by":(\{"N":"1"\}|1)/),
      expect.stringMatching(/":by":(\{"N":"-1"\}|-1)/),
    ]);
  });
});
