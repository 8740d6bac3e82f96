import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { CDK_APP_MODE_CONTEXT, VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../infra/create-app';

/**
 * cdk-nag 3 runs as a CDK policy-validation plugin during `app.synth()`. Acknowledged findings are left out of
 * the report; any other error fails synthesis (in-memory mode: the exception carries the whole report) and is
 * written to validation-report.json in the cloud assembly.
 */
const context = { 'aws:cdk:bundling-stacks': [], [CDK_APP_MODE_CONTEXT]: 'inmemory' };

interface ValidationReport {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly violations: readonly { readonly ruleName: string; readonly severity: string }[];
  }[];
}

function unacknowledgedErrors(extraContext: Record<string, unknown> = {}): string[] {
  const { app } = createApp({ context: { ...context, ...extraContext } });
  const assembly = app.synth();
  const report = JSON.parse(readFileSync(join(assembly.directory, VALIDATION_REPORT_FILE), 'utf8')) as ValidationReport;
  rmSync(assembly.directory, { recursive: true, force: true });
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations
      .filter((v) => v.severity === 'error' || v.severity === 'fatal')
      .map((v) => `${plugin.pluginName}: ${v.ruleName}`),
  );
}

describe('cdk-nag AwsSolutions checks', () => {
  it('leave no unacknowledged error with the default parameters', () => {
    expect(unacknowledgedErrors()).toEqual([]);
  });

  it('leave none with point-in-time recovery on and the SES sandbox statement off', () => {
    expect(unacknowledgedErrors({ pointInTimeRecovery: 'true', sesSandbox: 'false', retainData: 'false' })).toEqual([]);
  });

  it('leave none with a sender domain in a Route 53 zone and Cognito sending through SES', () => {
    const sender = { senderDomain: 'example.org', hostedZoneId: 'Z0123456789ABCDEFGHIJ', cognitoEmail: 'ses' };
    expect(unacknowledgedErrors(sender)).toEqual([]);
  });

  it('leave none when the built web UI is deployed too', () => {
    const webDist = mkdtempSync(join(tmpdir(), 'web-dist-'));
    try {
      writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Audition Me</title>');
      expect(unacknowledgedErrors({ webDist })).toEqual([]);
    } finally {
      rmSync(webDist, { recursive: true, force: true });
    }
  });

  it('do fail synthesis on a finding nobody acknowledged', () => {
    const { app, stack } = createApp({ context });
    new Queue(stack, 'UnacknowledgedQueue');
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
  });
});
