import { photoPrefixes } from '../src/domain/photos';
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
  /** The objects under one prefix of the photo bucket (`<bucket ARN>/<prefix>*`). */
  | { readonly kind: 'photo-bucket'; readonly prefix: (typeof photoPrefixes)[keyof typeof photoPrefixes] }
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
    // A presigned POST is authorized as the signer's PutObject when the browser sends it; HeadObject is
    // authorized as GetObject, and a copy as GetObject of the source and PutObject of the target.
    case 'photo-uploads:write':
      return { actions: ['s3:PutObject'], on: { kind: 'photo-bucket', prefix: photoPrefixes.upload } };
    case 'photo-uploads:take':
      return {
        actions: ['s3:GetObject', 's3:DeleteObject'],
        on: { kind: 'photo-bucket', prefix: photoPrefixes.upload },
      };
    case 'photos:write':
      return { actions: ['s3:PutObject'], on: { kind: 'photo-bucket', prefix: photoPrefixes.photo } };
    case 'photos:read':
      return { actions: ['s3:GetObject'], on: { kind: 'photo-bucket', prefix: photoPrefixes.photo } };
    case 'photos:delete':
      return { actions: ['s3:DeleteObject'], on: { kind: 'photo-bucket', prefix: photoPrefixes.photo } };
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
