import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { defaultParameters, readParameters } from '../../../infra/parameters';
import { repoRoot } from '../../../infra/repo-root';

const read = (context: Record<string, unknown>) => readParameters(new App({ context }).node);

describe('readParameters', () => {
  it('has a default for everything, so synth needs no arguments', () => {
    expect(read({})).toEqual(defaultParameters);
  });

  it('reads -c values, which arrive as strings, and cdk.json values, which may be booleans', () => {
    expect(
      read({
        stage: 'prod',
        senderEmail: 'casting@example.org',
        alertEmail: 'ops@example.org',
        monthlyBudgetUsd: '5',
        pointInTimeRecovery: 'true',
        sesSandbox: false,
        sesMaxSendRate: '14',
        retainData: 'false',
        extraCorsOrigins: 'http://localhost:5173, http://127.0.0.1:5173',
        webDist: 'web/build',
      }),
    ).toEqual({
      stage: 'prod',
      senderEmail: 'casting@example.org',
      alertEmail: 'ops@example.org',
      monthlyBudgetUsd: 5,
      pointInTimeRecovery: true,
      sesSandbox: false,
      sesMaxSendRate: 14,
      retainData: false,
      extraCorsOrigins: ['http://localhost:5173', 'http://127.0.0.1:5173'],
      webDist: `${repoRoot}web/build`,
    });
  });

  it.each([
    [{ senderEmail: 'not-an-address' }, /senderEmail/],
    [{ alertEmail: 'a@b' }, /alertEmail/],
    [{ stage: 'Prod_1' }, /stage/],
    [{ monthlyBudgetUsd: '0' }, /monthlyBudgetUsd/],
    [{ pointInTimeRecovery: 'yes' }, /pointInTimeRecovery/],
    [{ sesMaxSendRate: '0' }, /sesMaxSendRate/],
  ])('refuses %j naming the parameter', (context, message) => {
    expect(() => read(context)).toThrow(message);
  });
});
