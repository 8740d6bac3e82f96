import type { IndexName, Permission } from '../src/manifest';

/**
 * What each manifest permission means in IAM: its actions and the one resource they are on. Free of CDK imports, so
 * the stack (infra/constructs/permissions.ts) grants exactly these and the local runtime (local/runtime/invocation.ts)
 * refuses every call outside them.
 */
export type GrantedResource =
  | { readonly kind: 'table' }
  | { readonly kind: 'index'; readonly index: IndexName }
  | { readonly kind: 'email-queue' }
  | { readonly kind: 'sender-identity' }
  | { readonly kind: 'user-pool' }
  /** Public app-client operations: IAM does not authorize them; the manifest still says who calls them. */
  | { readonly kind: 'unauthorized-by-iam' };

export interface PermissionGrant {
  readonly actions: readonly string[];
  readonly on: GrantedResource;
}

/** The table's own items: reads, including the ConditionCheck step of a transaction. Never Scan. */
const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
] as const;
const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

/** The Cognito admin operations the sign-up flow uses (src/adapters/cognito/identity-provider.ts). */
export const COGNITO_ADMIN_ACTIONS = ['cognito-idp:AdminGetUser', 'cognito-idp:AdminAddUserToGroup'] as const;

/** SESv2 SendEmail needs ses:SendEmail whatever its content (simple, raw or template); nothing sends raw email. */
export const SES_SEND_ACTIONS = ['ses:SendEmail'] as const;

const INDEX_PERMISSION = /^table:query:(.+)$/;

/** The IAM grant of one manifest permission. */
export function permissionGrant(permission: Permission): PermissionGrant {
  const index = INDEX_PERMISSION.exec(permission)?.[1];
  if (index) return { actions: ['dynamodb:Query'], on: { kind: 'index', index: index as IndexName } };
  switch (permission) {
    case 'table:read':
      return { actions: TABLE_READ_ACTIONS, on: { kind: 'table' } };
    case 'table:write':
      return { actions: TABLE_WRITE_ACTIONS, on: { kind: 'table' } };
    case 'email-queue:send':
      // SendMessage covers SendMessageBatch; the queue URL comes from the environment, so no GetQueueUrl.
      return { actions: ['sqs:SendMessage'], on: { kind: 'email-queue' } };
    case 'ses:send':
      return { actions: SES_SEND_ACTIONS, on: { kind: 'sender-identity' } };
    case 'cognito:admin':
      return { actions: COGNITO_ADMIN_ACTIONS, on: { kind: 'user-pool' } };
    case 'cognito:sign-up':
      return {
        actions: [
          'cognito-idp:SignUp',
          'cognito-idp:ConfirmSignUp',
          'cognito-idp:ResendConfirmationCode',
          'cognito-idp:InitiateAuth',
        ],
        on: { kind: 'unauthorized-by-iam' },
      };
    default:
      throw new Error(`No grant defined for permission ${String(permission)}`);
  }
}
