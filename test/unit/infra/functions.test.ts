import { describe, expect, it } from 'vitest';
import { type FunctionDefinition, functions } from '../../../src/manifest';
import { synthesize } from './synthesized';

const { resources, ofType, fnId, props, onlyId } = synthesize();

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

describe('every function', () => {
  it('runs Node.js 22 on arm64 with the manifest timeout, memory and handler', () => {
    for (const f of functions) {
      expect(props(fnId(f.name)), f.name).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Timeout: f.timeoutSeconds,
        MemorySize: f.memoryMb,
      });
    }
  });

  it('gets every variable src/config.ts reads', () => {
    for (const f of functions) {
      const { Variables } = props<{ Environment: { Variables: Record<string, unknown> } }>(fnId(f.name)).Environment;
      expect(Object.keys(Variables).sort(), f.name).toEqual([
        'EMAIL_QUEUE_URL',
        'PHOTO_BUCKET',
        'POWERTOOLS_SERVICE_NAME',
        'SEARCH_CURSOR_KEY',
        'SENDER_EMAIL',
        'SES_MAX_SEND_RATE',
        'TABLE_NAME',
        'USER_POOL_CLIENT_ID',
        'USER_POOL_ID',
        'WEB_BASE_URL',
      ]);
      // The links in emails lead to the web UI's CloudFront URL.
      expect(JSON.stringify(Variables.WEB_BASE_URL), f.name).toMatch(/https:\/\/.*WebDistribution.*DomainName/);
    }
  });

  it('logs to its own log group with a retention period', () => {
    const logGroupIds = new Set<string>();
    for (const f of functions) {
      const { LoggingConfig } = props<{ LoggingConfig?: { LogGroup: { Ref: string } } }>(fnId(f.name));
      const logGroupId = LoggingConfig?.LogGroup.Ref ?? '';
      expect(resources[logGroupId]?.Type, f.name).toBe('AWS::Logs::LogGroup');
      expect(props<{ RetentionInDays?: number }>(logGroupId).RetentionInDays, f.name).toBe(30);
      logGroupIds.add(logGroupId);
    }
    expect(logGroupIds.size).toBe(functions.length);
  });

  it('has an own role with no AWS managed policy', () => {
    for (const f of functions) {
      const roleId = props<{ Role: { 'Fn::GetAtt': [string] } }>(fnId(f.name)).Role['Fn::GetAtt'][0];
      expect(props<{ ManagedPolicyArns?: unknown }>(roleId).ManagedPolicyArns, f.name).toBeUndefined();
    }
  });
});

describe('IAM, derived from the manifest permissions', () => {
  const statementsOf = (name: string): Statement[] => {
    const roleId = props<{ Role: { 'Fn::GetAtt': [string] } }>(fnId(name)).Role['Fn::GetAtt'][0];
    return ofType('AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  };
  const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
  it('grants no wildcard action, and * as a resource only for dynamodb:ListStreams', () => {
    for (const f of functions) {
      for (const statement of statementsOf(f.name)) {
        for (const action of actions(statement)) expect(action, f.name).not.toContain('*');
        const everything =
          statement.Resource === '*' || (Array.isArray(statement.Resource) && statement.Resource.includes('*'));
        if (everything) expect(actions(statement), f.name).toEqual(['dynamodb:ListStreams']);
      }
    }
  });

  it('limits SES sending to mail from the sender, on the sender identity or while in the sandbox any identity', () => {
    const senders = (functions as readonly FunctionDefinition[]).filter((f) => f.permissions.includes('ses:send'));
    expect(senders).toHaveLength(1);
    const ses = statementsOf(senders[0]!.name).filter((s) => actions(s).includes('ses:SendEmail'));
    const identityId = onlyId('AWS::SES::EmailIdentity');
    expect(ses.some((s) => JSON.stringify(s.Resource).includes(identityId))).toBe(true);
    // On a domain identity the condition is what keeps the other addresses of the domain out.
    for (const s of ses) expect(s.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'no-reply@example.com' } });
  });
});
