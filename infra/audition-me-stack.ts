import { Aws, CfnOutput, Fn, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { tableDefinition } from '../src/adapters/dynamodb/table-definition';
import { type FunctionDefinition, functions as manifestFunctions, queues } from '../src/manifest';
import { OperationalAlarms } from './constructs/alarms';
import { Alerts } from './constructs/alerts';
import { DataTable } from './constructs/data-table';
import { EventTriggers } from './constructs/event-triggers';
import { ManifestHttpApi, type RouteTarget } from './constructs/http-api';
import { ManifestFunction } from './constructs/manifest-function';
import { grantPermission } from './constructs/permissions';
import { PhotoBucket } from './constructs/photo-bucket';
import { ManifestQueues } from './constructs/queues';
import { addSender } from './constructs/sender-identity';
import { pascal } from './names';
import { UserDirectory } from './constructs/user-directory';
import { WebHosting } from './constructs/web-hosting';
import type { DeploymentParameters } from './parameters';

export interface AuditionMeStackProps extends StackProps {
  readonly parameters: DeploymentParameters;
  /** The functions to deploy; src/manifest.ts unless a test adds some. */
  readonly functions?: readonly FunctionDefinition[];
}

/**
 * The whole system in one environment-agnostic stack, generated from src/manifest.ts: every manifest function
 * becomes a Lambda function with its trigger and exactly its listed permissions.
 */
export class AuditionMeStack extends Stack {
  /** The deployed functions by manifest name. */
  readonly functions: ReadonlyMap<string, ManifestFunction>;

  constructor(scope: Construct, id: string, props: AuditionMeStackProps) {
    super(scope, id, props);
    const { parameters } = props;
    const definitions = props.functions ?? manifestFunctions;
    Tags.of(this).add('project', 'audition-me');
    Tags.of(this).add('stage', parameters.stage);

    const alerts = new Alerts(this, 'Alerts', {
      alertEmail: parameters.alertEmail,
      monthlyBudgetUsd: parameters.monthlyBudgetUsd,
    });
    const data = new DataTable(this, 'Data', {
      definition: tableDefinition,
      pointInTimeRecovery: parameters.pointInTimeRecovery,
      retain: parameters.retainData,
      readCapacity: parameters.readCapacity,
      writeCapacity: parameters.writeCapacity,
    });
    const messaging = new ManifestQueues(this, 'Queues', { definitions: queues, functions: definitions, alerts });
    // Every email from the sender (the mailer's and Cognito's) goes through its configuration set by default; its
    // bounces and complaints are published to the manifest's `ses-feedback` topic (below).
    const sender = addSender(this, {
      senderEmail: parameters.senderEmail,
      senderDomain: parameters.senderDomain,
      hostedZoneId: parameters.hostedZoneId,
    });
    const sending = sender.configurationSet;
    // Cognito's default sender allows 50 emails a day per account; through SES it needs the identity verified
    // before the pool is created or updated, so it is a second deployment's choice (docs/deploy.md).
    const cognitoThroughSes = parameters.cognitoEmail === 'ses';
    const users = new UserDirectory(this, 'Users', {
      retain: parameters.retainData,
      email: cognitoThroughSes ? sender.cognitoEmail() : undefined,
    });
    if (cognitoThroughSes) users.userPool.node.addDependency(sender.identity);

    // The web UI first: its CloudFront URL is where the links in emails lead.
    const web = new WebHosting(this, 'Web', { webDist: parameters.webDist });
    const webUrl = `https://${web.distribution.distributionDomainName}`;
    const photos = new PhotoBucket(this, 'Photos', {
      corsOrigins: [webUrl, ...parameters.extraCorsOrigins],
      retain: parameters.retainData,
    });

    // Every variable src/config.ts reads, on every function: each handler reads all of them at cold start.
    const environment = {
      TABLE_NAME: data.table.tableName,
      EMAIL_QUEUE_URL: messaging.pairs.email.queue.queueUrl,
      USER_POOL_ID: users.userPool.userPoolId,
      USER_POOL_CLIENT_ID: users.client.userPoolClientId,
      SENDER_EMAIL: parameters.senderEmail,
      SES_MAX_SEND_RATE: String(parameters.sesMaxSendRate),
      // Signs search cursors: the random UUID CloudFormation gives this stack, so no key is in the repository and
      // none is shown to API callers; a replaced stack has a new one, and earlier cursors answer invalid-cursor.
      SEARCH_CURSOR_KEY: Fn.select(2, Fn.split('/', Aws.STACK_ID)),
      WEB_BASE_URL: webUrl,
      PHOTO_BUCKET: photos.bucket.bucketName,
      POWERTOOLS_SERVICE_NAME: 'audition-me',
    };
    const deployed = definitions.map(
      (definition) => new ManifestFunction(this, ManifestFunction.idFor(definition), { definition, environment }),
    );
    this.functions = new Map(deployed.map((f) => [f.definition.name, f]));

    const indexNames = tableDefinition.indexes.map((index) => index.name);
    const targets = {
      table: data.table,
      indexNames,
      emailQueue: messaging.pairs.email.queue,
      userPool: users.userPool,
      senderEmail: parameters.senderEmail,
      senderIdentityArn: sender.identity.emailIdentityArn,
      sesSandbox: parameters.sesSandbox,
      photoBucket: photos.bucket,
    };
    for (const target of deployed) {
      for (const permission of target.definition.permissions) grantPermission(target, permission, targets);
    }

    const http = new ManifestHttpApi(this, 'Http', {
      routes: deployed.flatMap((f): RouteTarget[] => {
        const { trigger, name } = f.definition;
        return trigger.kind === 'http' ? [{ name, route: trigger.route, fn: f.fn }] : [];
      }),
      authorizer: singleAuthorizer(deployed)?.fn,
      corsOrigins: [webUrl, ...parameters.extraCorsOrigins],
    });
    web.deployContent({ apiUrl: http.url });
    const triggers = new EventTriggers(this, 'Triggers', {
      functions: deployed,
      queues: messaging.pairs,
      table: data.table,
      alerts,
    });
    new OperationalAlarms(this, 'Alarms', { alerts, table: data.table, indexNames, api: http.api });
    const feedback = triggers.topics.get('ses-feedback');
    if (feedback) {
      sending.addEventDestination('Feedback', {
        destination: EventDestination.snsTopic(feedback),
        events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
      });
    }

    const output = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    output('ApiUrl', http.url, 'Base URL of the HTTP API');
    output('WebUrl', webUrl, 'The web UI');
    output('WebBucketName', web.bucket.bucketName, 'Bucket holding the built web UI');
    output('DistributionId', web.distribution.distributionId, 'CloudFront distribution of the web UI');
    output('UserPoolId', users.userPool.userPoolId, 'Cognito user pool');
    output('UserPoolClientId', users.client.userPoolClientId, 'Cognito app client used by the API');
    output('TableName', data.table.tableName, 'DynamoDB table');
    output('PhotoBucketName', photos.bucket.bucketName, 'Performers’ photos (private)');
    output('EmailQueueUrl', messaging.pairs.email.queue.queueUrl, 'Email queue');
    output('EmailDeadLetterQueueUrl', messaging.pairs.email.deadLetterQueue.queueUrl, 'Email dead-letter queue');
    // The ARNs a redrive of the dead-letter queue names (docs/operations.md).
    output('EmailQueueArn', messaging.pairs.email.queue.queueArn, 'Email queue ARN');
    output('EmailDeadLetterQueueArn', messaging.pairs.email.deadLetterQueue.queueArn, 'Email dead-letter queue ARN');
    for (const [name, queue] of triggers.streamFailureQueues) {
      output(`${pascal(name)}StreamFailureQueueUrl`, queue.queueUrl, `Stream batches ${name} gave up on`);
    }
  }
}

/** The manifest's one authorizer function, if any; two would leave it ambiguous which protects the routes. */
function singleAuthorizer(deployed: readonly ManifestFunction[]): ManifestFunction | undefined {
  const authorizers = deployed.filter((f) => f.definition.trigger.kind === 'authorizer');
  if (authorizers.length > 1) throw new Error('The manifest defines more than one authorizer');
  return authorizers[0];
}
