import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Token } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { projectionOf, tableDefinition } from '../../../src/adapters/dynamodb/table-definition';
import { type FunctionDefinition, functions } from '../../../src/manifest';
import { type Resource, alertEmail, synthesize } from './synthesized';

const main = synthesize();
const { ofType, props, onlyId } = main;
const tableId = onlyId('AWS::DynamoDB::Table');

describe('the table', () => {
  const table = props<{
    ProvisionedThroughput: { ReadCapacityUnits: number; WriteCapacityUnits: number };
    GlobalSecondaryIndexes: {
      IndexName: string;
      Projection: { ProjectionType: string; NonKeyAttributes?: string[] };
      ProvisionedThroughput: { ReadCapacityUnits: number; WriteCapacityUnits: number };
    }[];
    [key: string]: unknown;
  }>(tableId);

  it('stays within 25 RCU and 25 WCU across the table and its indexes, exactly as defined', () => {
    const all = [table.ProvisionedThroughput, ...table.GlobalSecondaryIndexes.map((i) => i.ProvisionedThroughput)];
    const sum = (key: 'ReadCapacityUnits' | 'WriteCapacityUnits') => all.reduce((total, t) => total + t[key], 0);
    expect(sum('ReadCapacityUnits')).toBeLessThanOrEqual(25);
    expect(sum('WriteCapacityUnits')).toBeLessThanOrEqual(25);
    expect(table.ProvisionedThroughput).toEqual({
      ReadCapacityUnits: tableDefinition.readCapacity,
      WriteCapacityUnits: tableDefinition.writeCapacity,
    });
    expect(ofType('AWS::ApplicationAutoScaling::ScalableTarget')).toHaveLength(0);
  });

  it('has the defined keys, indexes with their projections, TTL and a NEW_AND_OLD_IMAGES stream', () => {
    expect(table).toMatchObject({
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(
      table.GlobalSecondaryIndexes.map((i) => [
        i.IndexName,
        i.Projection.ProjectionType,
        i.Projection.NonKeyAttributes,
      ]),
    ).toEqual(tableDefinition.indexes.map((i) => [i.name, projectionOf(i).type, projectionOf(i).attributes]));
  });
});

describe('the rest of the stack', () => {
  it('is environment-agnostic', () => {
    expect(Token.isUnresolved(main.stack.account)).toBe(true);
    expect(Token.isUnresolved(main.stack.region)).toBe(true);
  });

  it('has a user pool with email usernames, and the performer and director groups', () => {
    main.template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      UserPoolTier: 'LITE',
    });
    main.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      AllowedOAuthFlows: Match.absent(),
      GenerateSecret: false,
    });
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, r]) => r.Properties.GroupName);
    expect(groups.sort()).toEqual(['director', 'performer']);
  });

  it('has a monthly cost budget that emails the alert address', () => {
    main.template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 1, Unit: 'USD' } },
    });
    expect(JSON.stringify(ofType('AWS::Budgets::Budget'))).toContain(`"Address":"${alertEmail}"`);
  });

  it('serves the web UI from a private bucket through CloudFront with origin access control', () => {
    main.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    expect(ofType('AWS::CloudFront::OriginAccessControl')).toHaveLength(1);
  });

  it('uploads the web UI and its config only when the build exists', () => {
    // Whether web/dist exists here depends on what ran before, so both cases name their folder.
    const withoutUi = synthesize({ webDist: join(tmpdir(), 'audition-me-no-web-build') });
    expect(withoutUi.ofType('Custom::CDKBucketDeployment')).toHaveLength(0);
    const webDist = mkdtempSync(join(tmpdir(), 'web-dist-'));
    try {
      writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Audition Me</title>');
      const withUi = synthesize({ webDist });
      expect(withUi.ofType('Custom::CDKBucketDeployment')).toHaveLength(1);
      // The second source is config.json, whose apiUrl is filled in at deploy time from the API.
      const [[, deployment]] = withUi.ofType('Custom::CDKBucketDeployment') as [[string, Resource]];
      expect(JSON.stringify(deployment.Properties.SourceMarkers)).toContain(
        `"Ref":"${withUi.idOf(withUi.stack.node.findChild('Http').node.findChild('Api'))}"`,
      );
    } finally {
      rmSync(webDist, { recursive: true, force: true });
    }
  });
});

describe('a manifest that grows', () => {
  const entry = functions[0].entry;
  const added = (name: string, trigger: FunctionDefinition['trigger']): FunctionDefinition => ({
    name,
    entry,
    trigger,
    permissions: ['table:read'],
    timeoutSeconds: 30,
    memoryMb: 256,
  });
  const grown = synthesize({}, [
    added('test-half-hourly', { kind: 'schedule', everyMinutes: 30 }),
    added('test-stream-reader', { kind: 'dynamodb-stream', batchSize: 7 }),
    added('test-route', { kind: 'http', route: { method: 'GET', path: '/test/{id}', access: 'director' } }),
  ]);
  const targetOf = (name: string) => ({ 'Fn::GetAtt': [grown.fnId(name), 'Arn'] });

  it('adds a rule on the clock for a new schedule function', () => {
    const rule = grown
      .ofType('AWS::Events::Rule')
      .find(([, r]) => JSON.stringify(r.Properties.Targets).includes(grown.fnId('test-half-hourly')));
    expect(rule?.[1].Properties).toMatchObject({
      ScheduleExpression: 'cron(0/30 * * * ? *)',
      Targets: [expect.objectContaining({ Arn: targetOf('test-half-hourly') })],
    });
  });

  it('adds a stream event source and an authorized route for new functions', () => {
    const mapping = grown
      .ofType('AWS::Lambda::EventSourceMapping')
      .find(([, m]) => JSON.stringify(m.Properties.FunctionName).includes(grown.fnId('test-stream-reader')));
    expect(mapping?.[1].Properties).toMatchObject({ BatchSize: 7, StartingPosition: 'TRIM_HORIZON' });
    const route = grown.ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === 'GET /test/{id}');
    expect(route?.[1].Properties.AuthorizationType).toBe('CUSTOM');
  });

  it('refuses a second Lambda-polled queue', () => {
    const poller = added('second-poller', { kind: 'sqs', queue: 'email', batchSize: 1 });
    expect(() => synthesize({}, [poller])).toThrow(/Only one Lambda-polled queue/);
  });
});
