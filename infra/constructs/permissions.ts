import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Permission } from '../../src/manifest';
import { type GrantedResource, permissionGrant } from '../permission-grants';
import type { ManifestFunction } from './manifest-function';

/** The resources a manifest permission can point at. */
export interface PermissionTargets {
  readonly table: ITable;
  /** The names of the table's indexes: a permission naming another one is refused. */
  readonly indexNames: readonly string[];
  readonly emailQueue: IQueue;
  readonly userPool: IUserPool;
  readonly senderEmail: string;
  readonly senderIdentityArn: string;
  /** See DeploymentParameters.sesSandbox. */
  readonly sesSandbox: boolean;
  /** The performers' photos (private). */
  readonly photoBucket: IBucket;
}

export { COGNITO_ADMIN_ACTIONS, SES_SEND_ACTIONS } from '../permission-grants';

/**
 * Grants `target` exactly what `permission` means (infra/permission-grants.ts), as one explicit statement on the one
 * resource it names: no CDK table-wide grant, so no Scan, no DescribeTable and no `<table>/index/*`. The manifest is
 * the only source of grants besides what CDK adds for event sources (reading the queue or stream that triggers a
 * function, and sending to a stream consumer's failure queue).
 */
export function grantPermission(target: ManifestFunction, permission: Permission, to: PermissionTargets): void {
  const { actions, on } = permissionGrant(permission);
  if (on.kind === 'unauthorized-by-iam') return;
  target.fn.addToRolePolicy(
    new PolicyStatement({
      actions: [...actions],
      resources: [resourceArn(on, to)],
      // A domain identity would allow any address of the domain: only the sender's.
      ...(on.kind === 'sender-identity' && { conditions: { StringEquals: { 'ses:FromAddress': to.senderEmail } } }),
    }),
  );
  if (permission === 'ses:send' && to.sesSandbox) grantSandboxRecipients(target, actions, to);
  if (on.kind === 'photo-bucket') acknowledgePhotoObjects(target, on.prefix, to);
}

/** A photo grant is on every object under one prefix: per performer keys are not known at deploy time. */
function acknowledgePhotoObjects(target: ManifestFunction, prefix: string, to: PermissionTargets): void {
  const bucketId = Stack.of(to.photoBucket).getLogicalId(to.photoBucket.node.defaultChild as CfnElement);
  Validations.of(target.role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
    reason:
      `The objects under ${prefix} of the photo bucket, one per performer and photo, keyed by ids made at run ` +
      'time; the grant names only the actions this function uses (src/manifest.ts, infra/permission-grants.ts).',
  });
}

function resourceArn(on: Exclude<GrantedResource, { kind: 'unauthorized-by-iam' }>, to: PermissionTargets): string {
  switch (on.kind) {
    case 'table':
      return to.table.tableArn;
    case 'index':
      if (!to.indexNames.includes(on.index)) throw new Error(`The table has no index ${on.index}`);
      return `${to.table.tableArn}/index/${on.index}`;
    case 'email-queue':
      return to.emailQueue.queueArn;
    case 'sender-identity':
      return to.senderIdentityArn;
    case 'user-pool':
      return to.userPool.userPoolArn;
    case 'photo-bucket':
      return to.photoBucket.arnForObjects(`${on.prefix}*`);
    default:
      throw new Error(`Unknown resource ${JSON.stringify(on satisfies never)}`);
  }
}

/**
 * In the sandbox SES checks the caller against every recipient's identity too (they must be verified identities of
 * this account). Allow those, but only for mail From our sender address; only while `sesSandbox` says so.
 */
function grantSandboxRecipients(target: ManifestFunction, actions: readonly string[], to: PermissionTargets): void {
  const anyIdentity = Stack.of(target).formatArn({ service: 'ses', resource: 'identity', resourceName: '*' });
  target.fn.addToRolePolicy(
    new PolicyStatement({
      actions: [...actions],
      resources: [anyIdentity],
      conditions: { StringEquals: { 'ses:FromAddress': to.senderEmail } },
    }),
  );
  Validations.of(target.role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]`,
    reason:
      'SES sandbox only (-c sesSandbox=false removes it): SES authorizes a sandbox send against each recipient ' +
      'identity as well as the sender, and recipients are not known at deploy time. Limited to ses:SendEmail and ' +
      'to mail whose From address is the configured sender.',
  });
}
