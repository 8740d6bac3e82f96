import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GroupExistsException,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { projectionOf, tableDefinition } from '../src/adapters/dynamodb/table-definition';
import { functions, queues } from '../src/manifest';
import { roles } from '../src/domain/profile';

export const names = {
  table: 'audition-me',
  userPool: 'audition-me',
  userPoolClient: 'audition-me-web',
} as const;

/** The local on-failure queue of one stream consumer (each event source mapping has its own destination). */
export const streamFailureQueueName = (functionName: string) => `stream-failures-${functionName}`;

/** Where a local service is and how to sign for it. */
export interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/** Creates the table from the shared table definition unless it exists. */
export async function ensureTable(clientConfig: ClientConfig): Promise<string> {
  const dynamodb = new DynamoDBClient(clientConfig);
  try {
    await dynamodb.send(new DescribeTableCommand({ TableName: names.table }));
    return names.table;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const t = tableDefinition;
  const keyNames = new Set<string>([
    t.partitionKey,
    t.sortKey,
    ...t.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]);
  await dynamodb.send(
    new CreateTableCommand({
      TableName: names.table,
      AttributeDefinitions: [...keyNames].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: t.partitionKey, KeyType: 'HASH' },
        { AttributeName: t.sortKey, KeyType: 'RANGE' },
      ],
      ProvisionedThroughput: { ReadCapacityUnits: t.readCapacity, WriteCapacityUnits: t.writeCapacity },
      GlobalSecondaryIndexes: t.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: {
          ProjectionType: projectionOf(index).type,
          NonKeyAttributes: projectionOf(index).attributes,
        },
        ProvisionedThroughput: { ReadCapacityUnits: index.readCapacity, WriteCapacityUnits: index.writeCapacity },
      })),
      StreamSpecification: { StreamEnabled: true, StreamViewType: t.stream },
    }),
  );
  await dynamodb.send(
    new UpdateTimeToLiveCommand({
      TableName: names.table,
      TimeToLiveSpecification: { AttributeName: t.timeToLiveAttribute, Enabled: true },
    }),
  );
  return names.table;
}

/**
 * Creates the email queue and its dead-letter queue with the manifest's redrive, and each stream consumer's
 * on-failure queue (idempotent).
 */
export async function ensureQueues(
  clientConfig: ClientConfig,
  visibilityTimeoutSeconds: number,
): Promise<{
  emailQueueUrl: string;
  emailDeadLetterQueueUrl: string;
  streamFailureQueueUrls: Readonly<Record<string, string>>;
}> {
  const sqs = new SQSClient({ ...clientConfig, useQueueUrlAsEndpoint: false });
  const { email } = queues;
  const dlq = await sqs.send(
    new CreateQueueCommand({ QueueName: email.deadLetterName, Attributes: { MessageRetentionPeriod: '1209600' } }),
  );
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: email.name,
      Attributes: {
        VisibilityTimeout: String(visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: Attributes?.QueueArn,
          maxReceiveCount: email.maxReceiveCount,
        }),
      },
    }),
  );
  // Each stream event source's on-failure destination (nothing polls them; in AWS each has an alarm).
  const streamFailureQueueUrls: Record<string, string> = {};
  for (const { name, trigger } of functions) {
    if (trigger.kind !== 'dynamodb-stream') continue;
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: streamFailureQueueName(name),
        Attributes: { MessageRetentionPeriod: '1209600' },
      }),
    );
    if (!QueueUrl) throw new Error('CreateQueue returned no URL');
    streamFailureQueueUrls[name] = QueueUrl;
  }
  if (!queue.QueueUrl || !dlq.QueueUrl) throw new Error('CreateQueue returned no URL');
  return { emailQueueUrl: queue.QueueUrl, emailDeadLetterQueueUrl: dlq.QueueUrl, streamFailureQueueUrls };
}

/** Finds or creates the user pool, its `performer` and `director` groups and the web app client. */
export async function ensureUserPool(
  clientConfig: ClientConfig,
): Promise<{ userPoolId: string; userPoolClientId: string }> {
  const cognito = new CognitoIdentityProviderClient(clientConfig);
  const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((pool) => pool.Name === names.userPool)?.Id;
  if (!userPoolId) {
    const created = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: names.userPool,
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
      }),
    );
    userPoolId = created.UserPool?.Id;
  }
  if (!userPoolId) throw new Error('CreateUserPool returned no id');
  // Only the missing groups: cognito-local answers CreateGroup for an existing group by replacing it, members
  // and all, so creating them again on every start would leave every account without its role.
  const { Groups: groups = [] } = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId, Limit: 60 }));
  const existing = new Set(groups.map((group) => group.GroupName));
  for (const role of roles.filter((name) => !existing.has(name))) {
    try {
      await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role }));
    } catch (error) {
      if (!(error instanceof GroupExistsException)) throw error;
    }
  }
  const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  let userPoolClientId = clients.UserPoolClients?.find((c) => c.ClientName === names.userPoolClient)?.ClientId;
  if (!userPoolClientId) {
    const created = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: names.userPoolClient,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    userPoolClientId = created.UserPoolClient?.ClientId;
  }
  if (!userPoolClientId) throw new Error('CreateUserPoolClient returned no id');
  return { userPoolId, userPoolClientId };
}
