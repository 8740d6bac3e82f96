/**
 * The one list of Lambda functions, their entries and their triggers.
 *
 * The local runtime (`local/`) and the CDK stack (`infra/`) are both built from this module, so the two
 * cannot drift apart. Handlers also read their own route from here to enforce its access rule.
 */

/** Who may call an HTTP route. `signed-in` is any authenticated user with a role. */
export type Access = 'public' | 'signed-in' | 'performer' | 'director';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRoute {
  readonly method: HttpMethod;
  /** API Gateway path template, e.g. `/performances/{performanceId}`. */
  readonly path: string;
  readonly access: Access;
  /** The route's own throttle, below the stage's, for all callers together (API Gateway and the local runtime). */
  readonly throttle?: RouteThrottle;
}

/** Requests a second in the steady state, and at once after a pause (a token bucket), as API Gateway counts them. */
export interface RouteThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export type Trigger =
  | { readonly kind: 'http'; readonly route: HttpRoute }
  | { readonly kind: 'authorizer' }
  | {
      readonly kind: 'sqs';
      readonly queue: QueueName;
      readonly batchSize: number;
      /** At most this many invocations at once (the event source's maximum concurrency; SQS allows 2 to 1000). */
      readonly maxConcurrency?: number;
    }
  | { readonly kind: 'dynamodb-stream'; readonly batchSize: number; readonly filters?: readonly StreamFilter[] }
  | { readonly kind: 'schedule'; readonly everyMinutes: number }
  /** Each message published to the topic (Lambda's SNS subscription: an asynchronous invocation per message). */
  | { readonly kind: 'sns'; readonly topic: TopicName };

/**
 * Which stream records a consumer is invoked for: changes of items of one `type` (the item's `type` attribute), of
 * the given kinds (without filters: every record). Deletions by DynamoDB itself (TTL expiry) are never delivered. The event source mapping's
 * FilterCriteria (infra/) and the local poller (local/) are both made from these.
 */
export interface StreamFilter {
  readonly type: string;
  readonly events: readonly ('INSERT' | 'MODIFY' | 'REMOVE')[];
}

/** The table's global secondary indexes (src/adapters/dynamodb/table-definition.ts). */
export type IndexName = 'gsi1' | 'gsi2' | 'gsi3';

/**
 * The AWS services a function talks to; the CDK stack grants exactly these, nothing else, and the local runtime
 * refuses any call outside them. `table:read` and `table:write` cover the table's own items; `table:query:<index>`
 * is a Query of that one index (infra/permission-grants.ts spells out the IAM actions of each).
 */
export type Permission =
  | 'table:read'
  | 'table:write'
  | `table:query:${IndexName}`
  | 'email-queue:send'
  | 'ses:send'
  | 'cognito:sign-up'
  | 'cognito:admin'
  | PhotoPermission;

/**
 * The photo bucket's two prefixes (src/domain/photos.ts): `photo-uploads:*` on `uploads/` (signing the browser's
 * POST, reading and removing what it sent), `photos:*` on `photos/` (confirmed photos).
 */
export type PhotoPermission =
  'photo-uploads:write' | 'photo-uploads:take' | 'photos:write' | 'photos:read' | 'photos:delete';

export interface FunctionDefinition {
  readonly name: string;
  /** Path of the module, relative to the repository root, that exports `handler`. */
  readonly entry: string;
  readonly trigger: Trigger;
  readonly permissions: readonly Permission[];
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

/**
 * The API's CORS rule, answered by API Gateway (and the local runtime) before any function runs. The allowed
 * origins depend on the deployment: the stack allows its CloudFront domain; the local runtime allows any origin
 * (the API authenticates with a bearer token, never a cookie, so another site gains nothing from it).
 */
export const cors = {
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  allowHeaders: ['authorization', 'content-type'],
  exposeHeaders: ['location', 'retry-after'],
  maxAgeSeconds: 600,
} as const;

export const queues = {
  email: { name: 'email', deadLetterName: 'email-dlq', maxReceiveCount: 5 },
} as const;
export type QueueName = keyof typeof queues;

/**
 * SNS topics that invoke functions. `ses-feedback`: SES publishes its bounce and complaint notifications to it
 * (the event destination of the configuration set the sender identity uses by default).
 */
export const topics = {
  'ses-feedback': { description: 'SES bounce and complaint notifications' },
} as const;
export type TopicName = keyof typeof topics;

/**
 * The public routes that create accounts and send their emails (sign-up, confirmation) and the ones that hand out
 * tokens (log-in, refresh): nobody is signed in to answer for a flood of them, so each has a throttle of its own,
 * well below the stage's. Sign-up's emails are bounded per address by the application (`accountEmailsPerHour`).
 */
export const authThrottles = {
  account: { rateLimit: 5, burstLimit: 10 },
  session: { rateLimit: 10, burstLimit: 20 },
} as const satisfies Record<string, RouteThrottle>;

const http = (
  name: string,
  method: HttpMethod,
  path: string,
  access: Access,
  permissions: readonly Permission[],
  throttle?: RouteThrottle,
): FunctionDefinition => ({
  name,
  entry: `src/functions/${name}.ts`,
  trigger: { kind: 'http', route: { method, path, access, ...(throttle ? { throttle } : {}) } },
  permissions,
  timeoutSeconds: 10,
  memoryMb: 256,
});

export const functions = [
  {
    name: 'authorizer',
    entry: 'src/functions/authorizer.ts',
    trigger: { kind: 'authorizer' },
    permissions: [],
    timeoutSeconds: 5,
    memoryMb: 256,
  },
  http('openapi-get', 'GET', '/openapi.json', 'public', []),
  http(
    'auth-signup',
    'POST',
    '/auth/signup',
    'public',
    ['cognito:sign-up', 'cognito:admin', 'table:read', 'table:write'],
    authThrottles.account,
  ),
  http(
    'auth-confirm',
    'POST',
    '/auth/confirm',
    'public',
    ['cognito:sign-up', 'cognito:admin', 'table:read', 'table:write'],
    authThrottles.account,
  ),
  http(
    'auth-login',
    'POST',
    '/auth/login',
    'public',
    ['cognito:sign-up', 'cognito:admin', 'table:read', 'table:write'],
    authThrottles.session,
  ),
  http('auth-refresh', 'POST', '/auth/refresh', 'public', ['cognito:sign-up'], authThrottles.session),
  http('me-get', 'GET', '/me', 'signed-in', ['table:read', 'table:query:gsi1', 'photos:read']),
  http('me-update', 'PATCH', '/me', 'signed-in', ['table:read', 'table:write', 'table:query:gsi1', 'photos:read']),
  http('photo-create', 'POST', '/me/photos', 'performer', ['table:read', 'photo-uploads:write']),
  http('photo-confirm', 'PUT', '/me/photos/{photoId}', 'performer', [
    'table:read',
    'table:write',
    'photo-uploads:take',
    'photos:write',
    'photos:read',
  ]),
  http('photo-delete', 'DELETE', '/me/photos/{photoId}', 'performer', ['table:read', 'table:write', 'photos:delete']),
  http('performance-create', 'POST', '/performances', 'director', ['table:read', 'table:write']),
  http('performance-search', 'GET', '/performances', 'signed-in', ['table:read', 'table:query:gsi2']),
  http('performance-get', 'GET', '/performances/{performanceId}', 'signed-in', ['table:read']),
  http('performance-update', 'PUT', '/performances/{performanceId}', 'director', ['table:read', 'table:write']),
  http('performance-delete', 'DELETE', '/performances/{performanceId}', 'director', ['table:read', 'table:write']),
  http('my-performances', 'GET', '/me/performances', 'director', ['table:read', 'table:query:gsi1']),
  http('signup-create', 'POST', '/performances/{performanceId}/signup', 'performer', ['table:read', 'table:write']),
  http('signup-withdraw', 'DELETE', '/performances/{performanceId}/signup', 'performer', ['table:read', 'table:write']),
  http('my-signups', 'GET', '/me/signups', 'performer', ['table:read', 'table:query:gsi1']),
  http('signup-calendar', 'GET', '/me/signups/{performanceId}/calendar.ics', 'performer', ['table:read']),
  http('signups-list', 'GET', '/performances/{performanceId}/signups', 'director', ['table:read']),
  http('performer-profile-get', 'GET', '/performances/{performanceId}/performers/{performerId}', 'director', [
    'table:read',
    'photos:read',
  ]),
  http('performer-directory', 'GET', '/performers', 'director', ['table:read', 'table:query:gsi2', 'photos:read']),
  http('performer-directory-get', 'GET', '/performers/{performerId}', 'director', [
    'table:read',
    'table:query:gsi1',
    'photos:read',
  ]),
  http('invitation-create', 'POST', '/performances/{performanceId}/invitations', 'director', [
    'table:read',
    'table:write',
  ]),
  http('invitations-list', 'GET', '/performances/{performanceId}/invitations', 'director', ['table:read']),
  http('my-invitations', 'GET', '/me/invitations', 'performer', ['table:read']),
  http('my-invitation-update', 'PUT', '/me/invitations/{invitationId}', 'performer', ['table:read', 'table:write']),
  http('casting-create', 'POST', '/performances/{performanceId}/castings', 'director', ['table:read', 'table:write']),
  http('casting-undo', 'DELETE', '/performances/{performanceId}/castings/{performerId}', 'director', [
    'table:read',
    'table:write',
  ]),
  http('casting-close', 'POST', '/performances/{performanceId}/close-casting', 'director', [
    'table:read',
    'table:write',
  ]),
  {
    // The outbox relay and the sign-ups' follow-ups of a performance change: no email waits on the search index.
    // A performance is deleted by a MODIFY (deletedAt): no request removes its item, so REMOVE would invoke it idle.
    name: 'table-stream',
    entry: 'src/functions/table-stream.ts',
    trigger: {
      kind: 'dynamodb-stream',
      batchSize: 50,
      filters: [
        { type: 'Outbox', events: ['INSERT'] },
        { type: 'Performance', events: ['MODIFY'] },
      ],
    },
    permissions: ['table:read', 'table:write', 'email-queue:send'],
    timeoutSeconds: 60,
    memoryMb: 512,
  },
  {
    // The search index and the talent directory's, a second consumer of the same stream with its own position,
    // retries and failure queue (one consumer for both: each consumer has its own failure-queue alarm).
    name: 'search-indexer',
    entry: 'src/functions/search-indexer.ts',
    trigger: {
      kind: 'dynamodb-stream',
      batchSize: 50,
      filters: [
        { type: 'Performance', events: ['INSERT', 'MODIFY', 'REMOVE'] },
        { type: 'Profile', events: ['INSERT', 'MODIFY', 'REMOVE'] },
      ],
    },
    permissions: ['table:read', 'table:write'],
    timeoutSeconds: 60,
    memoryMb: 256,
  },
  {
    name: 'reminder-dispatcher',
    entry: 'src/functions/reminder-dispatcher.ts',
    trigger: { kind: 'schedule', everyMinutes: 15 },
    permissions: ['table:read', 'table:write', 'table:query:gsi3'],
    timeoutSeconds: 120,
    memoryMb: 512,
  },
  {
    name: 'search-refresh',
    entry: 'src/functions/search-refresh.ts',
    trigger: { kind: 'schedule', everyMinutes: 15 },
    permissions: ['table:read', 'table:write', 'table:query:gsi2'],
    timeoutSeconds: 120,
    memoryMb: 256,
  },
  {
    // Marks the addresses SES reports bounced (permanently) or complained about undeliverable; the mailer skips them.
    name: 'ses-feedback',
    entry: 'src/functions/ses-feedback.ts',
    trigger: { kind: 'sns', topic: 'ses-feedback' },
    permissions: ['table:write'],
    timeoutSeconds: 10,
    memoryMb: 256,
  },
  {
    name: 'mailer',
    entry: 'src/functions/mailer.ts',
    // At most two mailers at once (the least SQS allows), each sending at half SES's rate (SES_MAX_SEND_RATE), so
    // together they keep within it.
    trigger: { kind: 'sqs', queue: 'email', batchSize: 10, maxConcurrency: 2 },
    // email-queue:send: what SES's rate or the timeout left unsent goes back on the queue as a new message, and
    // so do the sign-up follow-ups the table refused. table:read and table:write: the sent-email ledger, and the
    // sign-up follow-ups (each a TransactWriteItems of Puts and Updates; a move caught up reads the sign-up and
    // its performance).
    permissions: ['ses:send', 'table:read', 'table:write', 'email-queue:send'],
    // A slot's reminder is one message to as many as 500 performers, each their own email: at 14 a second (a
    // production account) that is about 72 s for one mailer at half the rate, at 1 a second (the sandbox) over
    // 16 minutes. Near the timeout the mailer stops between emails and puts the rest back on the queue.
    timeoutSeconds: 60,
    memoryMb: 256,
  },
] as const satisfies readonly FunctionDefinition[];

export type FunctionName = (typeof functions)[number]['name'];

/** The function definition by name; throws for a name the manifest does not hold. */
export function functionNamed(name: FunctionName): FunctionDefinition {
  const found = functions.find((f) => f.name === name);
  if (!found) throw new Error(`No function named ${name} in the manifest`);
  return found;
}

/** The HTTP route a function serves, e.g. `routeOf('me-get')` → `{ method: 'GET', path: '/me', … }`. */
export function routeOf(name: FunctionName): HttpRoute {
  const { trigger } = functionNamed(name);
  if (trigger.kind !== 'http') throw new Error(`${name} is not an HTTP function`);
  return trigger.route;
}
