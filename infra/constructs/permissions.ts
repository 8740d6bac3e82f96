import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Permission } from '../../src/manifest';
import { COGNITO_ADMIN_ACTIONS, SES_SEND_ACTIONS } from '../event-source-settings';
import type { ManifestFunction } from './manifest-function';

/** The resources a manifest permission can point at. */
export interface PermissionTargets {
  readonly table: ITable;
  readonly emailQueue: IQueue;
  readonly userPool: IUserPool;
  readonly senderEmail: string;
  readonly senderIdentityArn: string;
  /** See DeploymentParameters.sesSandbox. */
  readonly sesSandbox: boolean;
}

export { COGNITO_ADMIN_ACTIONS, SES_SEND_ACTIONS } from '../event-source-settings';

/**
 * Grants `target` exactly what `permission` means, on the one resource it names. The manifest is the only source
 * of grants besides what CDK adds for event sources (reading the queue or stream that triggers a function).
 */
export function grantPermission(target: ManifestFunction, permission: Permission, to: PermissionTargets): void {
  switch (permission) {
    case 'table:read':
      to.table.grantReadData(target.fn);
      acknowledgeIndexWildcard(target, to.table);
      return;
    case 'table:write':
      to.table.grantWriteData(target.fn);
      acknowledgeIndexWildcard(target, to.table);
      return;
    case 'email-queue:send':
      to.emailQueue.grantSendMessages(target.fn);
      return;
    case 'ses:send':
      grantSesSend(target, to);
      return;
    case 'cognito:sign-up':
      // SignUp, ResendConfirmationCode, ConfirmSignUp and InitiateAuth are public app-client operations: IAM does
      // not authorize them.
      return;
    case 'cognito:admin':
      target.fn.addToRolePolicy(
        new PolicyStatement({ actions: [...COGNITO_ADMIN_ACTIONS], resources: [to.userPool.userPoolArn] }),
      );
      return;
    default:
      throw new Error(`No grant defined for permission ${String(permission satisfies never)}`);
  }
}

/** CDK's table grants cover the table's indexes as `<table ARN>/index/*`: this table's indexes, no others. */
function acknowledgeIndexWildcard(target: ManifestFunction, table: ITable): void {
  const logicalId = Stack.of(table).getLogicalId(table.node.defaultChild as CfnElement);
  Validations.of(target.role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/index/*]`,
    reason:
      "The wildcard is the index part of this one table's ARN (<table ARN>/index/*), added by CDK's table grant " +
      "so that queries can use the table's own GSIs; it reaches no other table.",
  });
}

function grantSesSend(target: ManifestFunction, to: PermissionTargets): void {
  target.fn.addToRolePolicy(new PolicyStatement({ actions: [...SES_SEND_ACTIONS], resources: [to.senderIdentityArn] }));
  if (!to.sesSandbox) return;
  // In the sandbox SES checks the caller against every recipient's identity too (they must be verified
  // identities of this account). Allow those, but only for mail From our sender address.
  const stack = Stack.of(target);
  const anyIdentity = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' });
  target.fn.addToRolePolicy(
    new PolicyStatement({
      actions: [...SES_SEND_ACTIONS],
      resources: [anyIdentity],
      conditions: { StringEquals: { 'ses:FromAddress': to.senderEmail } },
    }),
  );
  Validations.of(target.role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]`,
    reason:
      'SES sandbox only (-c sesSandbox=false removes it): SES authorizes a sandbox send against each recipient ' +
      'identity as well as the sender, and recipients are not known at deploy time. Limited to the two send ' +
      'actions and to mail whose From address is the configured sender.',
  });
}
