import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueEmails, emailQueueClient } from '../../../src/adapters/sqs/email-queue';
import type { FunctionDefinition } from '../../../src/manifest';
import { functionNamed, functions } from '../../../src/manifest';
import {
  AccessDeniedException,
  actionsOf,
  enforcePermissions,
  invoke,
  LambdaTimeoutError,
  refusal,
} from '../../../local/runtime/invocation';
import type { EmailMessage } from '../../../src/schemas/email-message';

const queueUrl = 'http://127.0.0.1:1/000000000000/email';
const tableName = 'audition-me';
const resources = () => ({ tableName, emailQueueUrl: queueUrl });
const message = { idempotencyKey: 'k' } as unknown as EmailMessage;

// No queue behind the client: a call that gets past the permission check is answered here, before any network.
const sent: string[] = [];
beforeAll(() => {
  Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  enforcePermissions(emailQueueClient(), resources);
  emailQueueClient().middlewareStack.add(
    () => async (args) => {
      sent.push(JSON.stringify(args.input));
      return { output: { Successful: [], Failed: [], $metadata: {} }, response: {} };
    },
    { step: 'build', name: 'answeredLocally' },
  );
});
afterAll(() => {
  emailQueueClient().middlewareStack.remove('answeredLocally');
  emailQueueClient().middlewareStack.remove('localPermissions');
});

describe('a function calling AWS in the local runtime', () => {
  it('is refused with AccessDeniedException for an action its manifest permissions do not grant', async () => {
    const meGet = functionNamed('me-get'); // table:read only
    const before = sent.length;
    await expect(invoke(meGet, () => enqueueEmails(queueUrl, [message]), {})).rejects.toBeInstanceOf(
      AccessDeniedException,
    );
    expect(sent.length).toBe(before);
  });

  it('goes through when its permissions grant it, and outside any invocation (tests, seeding) too', async () => {
    const before = sent.length;
    await invoke(functionNamed('table-stream'), () => enqueueEmails(queueUrl, [message]), {});
    await emailQueueClient().send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: [] }));
    expect(sent.length).toBe(before + 2);
  });

  it('is refused on a resource its grant does not cover: another queue', async () => {
    await expect(
      invoke(
        functionNamed('table-stream'),
        () => enqueueEmails('http://127.0.0.1:1/000000000000/other', [message]),
        {},
      ),
    ).rejects.toBeInstanceOf(AccessDeniedException);
  });

  it('needs every item action of a transaction: a read-only function may not write in one', () => {
    const input = {
      TransactItems: [{ ConditionCheck: { TableName: tableName } }, { Put: { TableName: tableName } }],
    };
    const calls = actionsOf('DynamoDBClient', 'TransactWriteItemsCommand', input);
    expect(calls.map((c) => c.action)).toEqual(['dynamodb:ConditionCheckItem', 'dynamodb:PutItem']);
    const reasons = calls.map((call) => refusal(functionNamed('me-get'), call, resources()));
    expect(reasons[0]).toBeUndefined();
    expect(reasons[1]).toMatch(/not authorized to perform: dynamodb:PutItem/);
    expect(calls.every((call) => !refusal(functionNamed('me-update'), call, resources()))).toBe(true);
  });

  it('needs a grant on the index itself to query an index: the table grant does not reach it', () => {
    const [onIndex] = actionsOf('DynamoDBDocumentClient', 'QueryCommand', { TableName: tableName, IndexName: 'gsi1' });
    expect(onIndex).toEqual({ action: 'dynamodb:Query', resource: tableName, index: 'gsi1' });
    // performance-get reads the table but queries no index; my-signups queries gsi1 only.
    expect(refusal(functionNamed('performance-get'), onIndex!, resources())).toMatch(
      /not authorized to perform: dynamodb:Query on resource: audition-me\/index\/gsi1/,
    );
    expect(refusal(functionNamed('my-signups'), onIndex!, resources())).toBeUndefined();
    const [onOtherIndex] = actionsOf('DynamoDBDocumentClient', 'QueryCommand', {
      TableName: tableName,
      IndexName: 'gsi3',
    });
    expect(refusal(functionNamed('my-signups'), onOtherIndex!, resources())).toMatch(/gsi3/);
    // A grant on an index does not reach the table's own items either.
    const onTable = { action: 'dynamodb:Query', resource: tableName };
    expect(
      refusal({ ...functionNamed('my-signups'), permissions: ['table:query:gsi1'] }, onTable, resources()),
    ).toMatch(/not authorized/);
  });

  it('refuses a Scan to every function of the manifest, as the stack grants none', () => {
    const [scan] = actionsOf('DynamoDBDocumentClient', 'ScanCommand', { TableName: tableName });
    for (const f of functions) expect(refusal(f, scan!, resources()), f.name).toMatch(/dynamodb:Scan/);
  });
});

describe('a Lambda timeout in the local runtime', () => {
  const quick: FunctionDefinition = { ...functionNamed('table-stream'), name: 'quick', timeoutSeconds: 0.05 };

  it('fails an invocation that runs past its function’s timeoutSeconds with Sandbox.Timedout', async () => {
    const slow = () => new Promise((resolve) => setTimeout(() => resolve('finished'), 1000));
    const failure = await invoke(quick, slow, {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LambdaTimeoutError);
    expect((failure as Error).name).toBe('Sandbox.Timedout');
    expect((failure as Error).message).toMatch(/Task timed out after 0\.05 seconds/);
  });

  it('lets no AWS call of a timed-out invocation through afterwards, as a frozen sandbox makes none', async () => {
    const before = sent.length;
    let lateCall: Promise<unknown> | undefined;
    const handler = async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      lateCall = enqueueEmails(queueUrl, [message]);
      await lateCall;
    };
    await expect(invoke(quick, handler, {})).rejects.toBeInstanceOf(LambdaTimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await expect(lateCall).rejects.toBeInstanceOf(LambdaTimeoutError);
    expect(sent.length).toBe(before);
  });

  it('returns what the handler returns when it finishes in time', async () => {
    await expect(invoke(functionNamed('me-get'), async () => 'done', {})).resolves.toBe('done');
  });
});
