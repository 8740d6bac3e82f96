import { AsyncLocalStorage } from 'node:async_hooks';
import type { FunctionDefinition, Permission } from '../../src/manifest';
import { permissionGrant } from '../../infra/permission-grants';
import type { AnyHandler } from './handlers';
import { lambdaContext } from './handlers';

/**
 * What Lambda enforces around each invocation, for the handlers the local runtime calls in this process: the
 * function's timeout, and that it calls only the AWS operations its manifest permissions grant (an SDK
 * middleware on the product's clients refuses the rest with AccessDeniedException, as IAM would).
 */

interface Invocation {
  readonly definition: FunctionDefinition;
  /** Set when the timeout struck: Lambda freezes the sandbox then, so the handler's later AWS calls never happen. */
  timedOut: boolean;
}

const invocations = new AsyncLocalStorage<Invocation>();

/** The function whose invocation the caller is running in (undefined outside any invocation). */
export function invokedFunction(): FunctionDefinition | undefined {
  return invocations.getStore()?.definition;
}

/** The error of an invocation that ran past its function's timeout, as Lambda reports it. */
export class LambdaTimeoutError extends Error {
  override readonly name = 'Sandbox.Timedout';
}

/**
 * Calls `handler` as Lambda calls the function `definition`: with a fresh context, and failing with
 * Sandbox.Timedout once `timeoutSeconds` have passed (the handler's promise is then abandoned, and any AWS call it
 * still makes is refused, as in a frozen sandbox).
 */
export async function invoke(definition: FunctionDefinition, handler: AnyHandler, event: unknown): Promise<unknown> {
  const invocation: Invocation = { definition, timedOut: false };
  const context = lambdaContext(definition);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      invocation.timedOut = true;
      reject(
        new LambdaTimeoutError(
          `RequestId: ${context.awsRequestId} Error: Task timed out after ${definition.timeoutSeconds.toFixed(2)} seconds`,
        ),
      );
    }, definition.timeoutSeconds * 1000);
  });
  const run = invocations.run(invocation, () => handler(event, context));
  // An abandoned handler may still fail later; that is no longer anyone's business (Lambda would have frozen it).
  run.catch(() => undefined);
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The IAM actions a manifest permission grants, exactly as the CDK stack grants them (infra/permission-grants.ts). */
export const grantedActions = (permission: Permission): readonly string[] => permissionGrant(permission).actions;

const servicePrefixes: Record<string, string> = {
  DynamoDBClient: 'dynamodb',
  DynamoDBDocumentClient: 'dynamodb',
  SQSClient: 'sqs',
  SESv2Client: 'ses',
  CognitoIdentityProviderClient: 'cognito-idp',
  S3Client: 's3',
};

/** The IAM actions of the S3 operations the photo routes use, each on the object it names (`<bucket>/<key>`). */
function s3Actions(operation: string, input: Record<string, unknown>): Call[] {
  const object = `${String(input.Bucket)}/${String(input.Key)}`;
  switch (operation) {
    case 'HeadObject':
    case 'GetObject':
      return [{ action: 's3:GetObject', resource: object }];
    case 'CopyObject':
      return [
        { action: 's3:GetObject', resource: decodeURIComponent(String(input.CopySource)).replace(/^\//, '') },
        { action: 's3:PutObject', resource: object },
      ];
    default:
      return [{ action: `s3:${operation}`, resource: object }];
  }
}

/** The resource an action targets: the table (and index) or queue it names (empty when it names none). */
interface Call {
  readonly action: string;
  readonly resource?: string;
  /** The index a Query reads: IAM authorizes it on `<table ARN>/index/<name>`, not on the table. */
  readonly index?: string;
}

/** The IAM actions one SDK call needs: a transaction needs the action of each of its items, a batch its own. */
export function actionsOf(clientName: string, commandName: string, input: Record<string, unknown>): Call[] {
  const prefix = servicePrefixes[clientName] ?? clientName.replace(/Client$/, '').toLowerCase();
  const operation = commandName.replace(/Command$/, '');
  if (prefix === 'dynamodb') {
    const items = input.TransactItems as Record<string, { TableName?: string }>[] | undefined;
    if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
      const names: Record<string, string> = {
        Put: 'PutItem',
        Update: 'UpdateItem',
        Delete: 'DeleteItem',
        ConditionCheck: 'ConditionCheckItem',
        Get: 'GetItem',
      };
      return (items ?? []).flatMap((item) =>
        Object.entries(item).map(([kind, step]) => ({
          action: `dynamodb:${names[kind] ?? kind}`,
          resource: step.TableName,
        })),
      );
    }
    const requestItems = input.RequestItems as Record<string, unknown> | undefined;
    if (requestItems)
      return Object.keys(requestItems).map((table) => ({ action: `dynamodb:${operation}`, resource: table }));
    const index = typeof input.IndexName === 'string' ? { index: input.IndexName } : {};
    return [{ action: `dynamodb:${operation}`, resource: input.TableName as string | undefined, ...index }];
  }
  if (prefix === 's3') return s3Actions(operation, input);
  if (prefix === 'sqs') {
    const action = operation === 'SendMessageBatch' ? 'SendMessage' : operation;
    return [{ action: `sqs:${action}`, resource: input.QueueUrl as string | undefined }];
  }
  return [{ action: `${prefix}:${operation}` }];
}

/** Why `definition` may not make `call`, or undefined when its permissions allow it. */
export function refusal(definition: FunctionDefinition, call: Call, resources: Resources): string | undefined {
  const granting = definition.permissions.filter((p) => grantedActions(p).includes(call.action));
  const onResource = granting.filter((permission) => {
    const { on } = permissionGrant(permission);
    // An index is its own resource: a grant on the table does not reach it, nor one index's grant another.
    if (on.kind === 'index' || call.index !== undefined) {
      return on.kind === 'index' && on.index === call.index && call.resource === resources.tableName;
    }
    if (!call.resource) return true;
    if (on.kind === 'table') return call.resource === resources.tableName;
    if (on.kind === 'email-queue') return call.resource === resources.emailQueueUrl;
    if (on.kind === 'photo-bucket') return call.resource.startsWith(`${resources.photoBucket}/${on.prefix}`);
    return true;
  });
  if (onResource.length) return undefined;
  const resource = call.resource ? ` on resource: ${call.resource}${call.index ? `/index/${call.index}` : ''}` : '';
  return (
    `User: arn:aws:sts::000000000000:assumed-role/${definition.name}-role/${definition.name} is not authorized to ` +
    `perform: ${call.action}${resource} because no identity-based ` +
    `policy allows the ${call.action} action (its manifest permissions: ${definition.permissions.join(', ') || 'none'})`
  );
}

export interface Resources {
  readonly tableName?: string;
  readonly emailQueueUrl?: string;
  readonly photoBucket?: string;
}

/** The error IAM's refusal arrives as. */
export class AccessDeniedException extends Error {
  override readonly name = 'AccessDeniedException';
  readonly $fault = 'client';
  readonly $metadata = { httpStatusCode: 400 };
}

interface MiddlewareClient {
  readonly middlewareStack: {
    add: (middleware: never, options: { step: 'initialize'; name: string; override?: boolean }) => void;
  };
}

/**
 * Adds the permission check to an SDK client: a call made inside an invocation (see `invoke`) goes through only
 * if the function's manifest permissions grant every action it needs on the resource it names, and not at all
 * once the invocation timed out. Calls made outside any invocation (tests, seeding, the benchmark) pass.
 */
export function enforcePermissions(client: unknown, resources: () => Resources): void {
  const middleware =
    (next: (args: { input: Record<string, unknown> }) => Promise<unknown>, context: Record<string, unknown>) =>
    async (args: { input: Record<string, unknown> }) => {
      const invocation = invocations.getStore();
      if (invocation) {
        const { definition } = invocation;
        if (invocation.timedOut) {
          throw new LambdaTimeoutError(`${definition.name} timed out; its sandbox makes no more calls`);
        }
        const clientName = String(context.clientName ?? '');
        for (const call of actionsOf(clientName, String(context.commandName ?? ''), args.input)) {
          const reason = refusal(definition, call, resources());
          if (reason) throw new AccessDeniedException(reason);
        }
      }
      return next(args);
    };
  (client as MiddlewareClient).middlewareStack.add(middleware as never, {
    step: 'initialize',
    name: 'localPermissions',
    override: true,
  });
}

/** The manifest function whose invocation is running here, if any (the benchmark attributes units by it). */
export function currentFunction(): string | undefined {
  return invocations.getStore()?.definition.name;
}
