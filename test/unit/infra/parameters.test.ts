import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  FREE_TIER_CAPACITY,
  SECOND_STAGE_CAPACITY,
  defaultParameters,
  readParameters,
} from '../../../infra/parameters';
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
        freeTierStage: 'prod',
        readCapacity: '20',
        writeCapacity: '15',
        cognitoEmail: 'ses',
        senderDomain: 'Example.org',
        hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      }),
    ).toEqual({
      stage: 'prod',
      senderEmail: 'casting@example.org',
      senderDomain: 'example.org',
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      cognitoEmail: 'ses',
      alertEmail: 'ops@example.org',
      monthlyBudgetUsd: 5,
      pointInTimeRecovery: true,
      sesSandbox: false,
      sesMaxSendRate: 14,
      retainData: false,
      extraCorsOrigins: ['http://localhost:5173', 'http://127.0.0.1:5173'],
      webDist: `${repoRoot}web/build`,
      freeTierStage: 'prod',
      readCapacity: 20,
      writeCapacity: 15,
      allowSecondFullStage: false,
    });
  });

  it.each([
    [{ senderEmail: 'not-an-address' }, /senderEmail/],
    [{ alertEmail: 'a@b' }, /alertEmail/],
    [{ stage: 'Prod_1' }, /stage/],
    [{ monthlyBudgetUsd: '0' }, /monthlyBudgetUsd/],
    [{ pointInTimeRecovery: 'yes' }, /pointInTimeRecovery/],
    [{ sesMaxSendRate: '0' }, /sesMaxSendRate/],
    [{ readCapacity: '3' }, /readCapacity/],
    [{ writeCapacity: '2.5' }, /writeCapacity/],
    [{ cognitoEmail: 'smtp' }, /cognitoEmail must be ses or cognito/],
    [{ senderDomain: 'example' }, /senderDomain/],
    [{ senderDomain: 'https://example.org' }, /senderDomain/],
    [{ senderDomain: 'example.org', senderEmail: 'casting@example.com' }, /senderEmail .* on senderDomain/],
    [{ hostedZoneId: 'Z0123456789ABCDEFGHIJ' }, /hostedZoneId needs senderDomain/],
    [{ senderDomain: 'example.org', hostedZoneId: 'not a zone' }, /hostedZoneId/],
  ])('refuses %j naming the parameter', (context, message) => {
    expect(() => read(context)).toThrow(message);
  });
});

describe('the sender', () => {
  it('is one email address, and Cognito sends its own emails, unless told otherwise', () => {
    expect(read({})).toMatchObject({
      senderEmail: defaultParameters.senderEmail,
      senderDomain: undefined,
      hostedZoneId: undefined,
      cognitoEmail: 'cognito',
    });
  });

  it('is no-reply@ a sender domain when only the domain is given', () => {
    expect(read({ senderDomain: 'casting.example.org' })).toMatchObject({
      senderEmail: 'no-reply@casting.example.org',
      senderDomain: 'casting.example.org',
    });
  });

  it('may be any address on the sender domain, whose letter case is the domain’s', () => {
    // Cognito's withSES compares the address's domain with the verified domain letter for letter.
    expect(read({ senderDomain: 'example.org', senderEmail: 'Casting@EXAMPLE.org' })).toMatchObject({
      senderEmail: 'Casting@example.org',
      senderDomain: 'example.org',
    });
  });
});

describe('the capacity of a stage', () => {
  it('is the whole free 25 RCU / 25 WCU for the account’s free-tier stage (dev unless told)', () => {
    expect(read({})).toMatchObject({ stage: 'dev', readCapacity: 25, writeCapacity: 25 });
    expect(read({ stage: 'prod', freeTierStage: 'prod' })).toMatchObject({ readCapacity: 25, writeCapacity: 25 });
  });

  it('is small by default for any other stage in the same account', () => {
    expect(read({ stage: 'test' })).toMatchObject({
      readCapacity: SECOND_STAGE_CAPACITY,
      writeCapacity: SECOND_STAGE_CAPACITY,
    });
    expect(SECOND_STAGE_CAPACITY).toBeLessThan(FREE_TIER_CAPACITY);
  });

  it('refuses full free-tier capacity on a second stage unless asked for explicitly', () => {
    expect(() => read({ stage: 'test', readCapacity: '25' })).toThrow(/allowSecondFullStage=true/);
    expect(() => read({ stage: 'test', writeCapacity: '30' })).toThrow(/allowSecondFullStage=true/);
    expect(
      read({ stage: 'test', readCapacity: '25', writeCapacity: '25', allowSecondFullStage: 'true' }),
    ).toMatchObject({ readCapacity: 25, writeCapacity: 25 });
    expect(read({ stage: 'test', readCapacity: '10', writeCapacity: '10' })).toMatchObject({ readCapacity: 10 });
  });
});
