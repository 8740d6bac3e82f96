import { describe, expect, it } from 'vitest';
import { tableDefinition } from '../../../src/adapters/dynamodb/table-definition';
import { type FunctionDefinition, type Permission, functions } from '../../../src/manifest';
import { synthesize } from './synthesized';

/**
 * The IAM of every function, compared grant by grant with what its manifest entry implies. The expected grants are
 * written out here, independently of infra/, so a grant the stack adds that the manifest does not imply fails.
 */

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

/** What each manifest permission means in IAM: actions on a named resource (see `label` below). */
const permissionGrants = (permission: Permission): string[] => {
  const on = (resource: string, actions: string[]) => actions.map((action) => `${action} on ${resource}`);
  if (permission.startsWith('table:query:'))
    return on(`index ${permission.slice('table:query:'.length)}`, ['dynamodb:Query']);
  switch (permission) {
    case 'table:read':
      return on('table', [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:ConditionCheckItem',
      ]);
    case 'table:write':
      return on('table', ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']);
    case 'email-queue:send':
      return on('email queue', ['sqs:SendMessage']);
    case 'ses:send':
      // The sandbox statement (any identity, From the sender only) is there by default: sesSandbox=true.
      return [...on('sender identity', ['ses:SendEmail']), ...on('any SES identity', ['ses:SendEmail'])];
    case 'cognito:sign-up':
      return []; // public app-client operations: IAM does not authorize them
    case 'cognito:admin':
      return on('user pool', ['cognito-idp:AdminGetUser', 'cognito-idp:AdminAddUserToGroup']);
    case 'photo-uploads:write':
      return on('photo bucket uploads/*', ['s3:PutObject']);
    case 'photo-uploads:take':
      return on('photo bucket uploads/*', ['s3:GetObject', 's3:DeleteObject']);
    case 'photos:write':
      return on('photo bucket photos/*', ['s3:PutObject']);
    case 'photos:read':
      return on('photo bucket photos/*', ['s3:GetObject']);
    case 'photos:delete':
      return on('photo bucket photos/*', ['s3:DeleteObject']);
    default:
      throw new Error(`The test knows no permission ${permission}`);
  }
};

/** What each trigger needs (granted by CDK's event sources), on top of writing to the function's own log group. */
const triggerGrants = (f: FunctionDefinition): string[] => {
  const on = (resource: string, actions: string[]) => actions.map((action) => `${action} on ${resource}`);
  const logs = on('own log group', ['logs:CreateLogStream', 'logs:PutLogEvents']);
  switch (f.trigger.kind) {
    case 'sqs':
      return [
        ...logs,
        ...on(`${f.trigger.queue} queue`, [
          'sqs:ReceiveMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:GetQueueUrl',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
        ]),
      ];
    case 'dynamodb-stream':
      return [
        ...logs,
        ...on('*', ['dynamodb:ListStreams']),
        ...on('table stream', ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']),
        ...on('own stream failure queue', ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl']),
      ];
    default:
      return logs;
  }
};

const expectedGrants = (f: FunctionDefinition) =>
  [...new Set([...triggerGrants(f), ...f.permissions.flatMap(permissionGrants)])].sort();

describe('the IAM of each function, against src/manifest.ts', () => {
  const { resources, ofType, fnId, props, onlyId, queueId } = synthesize();
  const tableId = onlyId('AWS::DynamoDB::Table');
  const photoBucketId = Object.keys(resources).find(
    (id) => id.startsWith('Photos') && resources[id]?.Type === 'AWS::S3::Bucket',
  );
  const roleOf = (name: string) => props<{ Role: { 'Fn::GetAtt': [string] } }>(fnId(name)).Role['Fn::GetAtt'][0];
  const statementsOf = (name: string): Statement[] =>
    ofType('AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleOf(name) }]))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  const list = <T>(value: T | T[]) => (Array.isArray(value) ? value : [value]);

  /** A readable name for a statement's resource, as the expected grants spell it; the raw JSON when unknown. */
  const label = (name: string, resource: unknown): string => {
    const json = JSON.stringify(resource);
    const getAtt = (resource as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
    if (resource === '*') return '*';
    if (getAtt?.[0] === tableId && getAtt[1] === 'Arn') return 'table';
    if (getAtt?.[0] === tableId && getAtt[1] === 'StreamArn') return 'table stream';
    const index = new RegExp(
      `^\\{"Fn::Join":\\["",\\[\\{"Fn::GetAtt":\\["${tableId}","Arn"\\]\\},"/index/([^"]+)"\\]\\]\\}$`,
    );
    const indexName = index.exec(json)?.[1];
    if (indexName) return `index ${indexName}`;
    const objects = new RegExp(
      `^\\{"Fn::Join":\\["",\\[\\{"Fn::GetAtt":\\["${photoBucketId}","Arn"\\]\\},"/([a-z]+/\\*)"\\]\\]\\}$`,
    ).exec(json)?.[1];
    if (objects) return `photo bucket ${objects}`;
    if (getAtt?.[0] === queueId('Email') && getAtt[1] === 'Arn') return 'email queue';
    if (getAtt?.[0] === onlyId('AWS::Cognito::UserPool')) return 'user pool';
    const { LoggingConfig } = props<{ LoggingConfig: { LogGroup: { Ref: string } } }>(fnId(name));
    if (getAtt?.[0] === LoggingConfig.LogGroup.Ref) return 'own log group';
    if (
      getAtt &&
      resources[getAtt[0]]?.Type === 'AWS::SQS::Queue' &&
      getAtt[0].includes(`${fnId(name).replace(/Function.*$/, '')}StreamFailures`)
    ) {
      return 'own stream failure queue';
    }
    if (json.includes(onlyId('AWS::SES::EmailIdentity'))) return 'sender identity';
    if (/:identity\/\*"\]\]\}$/.test(json)) return 'any SES identity';
    return json;
  };

  const grantsOf = (name: string) =>
    [
      ...new Set(
        statementsOf(name).flatMap((s) => {
          expect(s.Effect, name).toBe('Allow');
          return list(s.Resource).flatMap((resource) =>
            list(s.Action).map((action) => `${action} on ${label(name, resource)}`),
          );
        }),
      ),
    ].sort();

  it.each(functions.map((f) => [f.name, f] as const))(
    '%s has exactly the grants its manifest entry implies',
    (name, f) => {
      expect(grantsOf(name)).toEqual(expectedGrants(f));
    },
  );

  it('grants dynamodb:Scan to no role in the stack', () => {
    const scans = ofType('AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p.Properties).includes('dynamodb:Scan'));
    expect(scans.map(([id]) => id)).toEqual([]);
  });

  it('names only indexes the table has', () => {
    const indexNames = new Set<string>(tableDefinition.indexes.map((i) => i.name));
    for (const f of functions) {
      for (const permission of f.permissions as readonly Permission[]) {
        if (permission.startsWith('table:query:')) {
          expect(indexNames.has(permission.slice('table:query:'.length)), `${f.name} ${permission}`).toBe(true);
        }
      }
    }
  });
});
