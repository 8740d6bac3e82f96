import { isAbsolute, resolve } from 'node:path';
import type { Node } from 'constructs';
import { tableDefinition } from '../src/adapters/dynamodb/table-definition';
import { minimumCapacity } from './capacity';
import { repoRoot } from './repo-root';

/**
 * Everything a deployment can vary, read from CDK context (`-c name=value` or cdk.json) with a default for each,
 * so that `cdk synth` works with no arguments, no credentials and no network.
 */
export interface DeploymentParameters {
  /** Lower-case name of this copy of the system, e.g. `dev` or `prod`; part of the stack name. */
  readonly stage: string;
  /**
   * The From address of every email. Without `senderDomain` it becomes an SES email identity that must be verified
   * (its owner clicks a link); with one it must be an address on that domain (`no-reply@<domain>` by default).
   */
  readonly senderEmail: string;
  /**
   * A domain the deployer controls, e.g. `example.org`: the sender identity becomes that domain, with Easy DKIM and
   * the MAIL FROM domain `mail.<domain>`, verified by DNS records (stack outputs, or `hostedZoneId`).
   */
  readonly senderDomain: string | undefined;
  /** A Route 53 public hosted zone for `senderDomain`, whose apex is that domain: the stack adds the records there. */
  readonly hostedZoneId: string | undefined;
  /**
   * Who sends Cognito's emails (the sign-up confirmation code): `cognito`, its default sender, limited to 50 a day
   * per account; or `ses`, through the sender identity and its configuration set, which must already be verified
   * when the user pool is created or updated (so not on a first deployment; docs/deploy.md).
   */
  readonly cognitoEmail: CognitoEmail;
  /** Receives the DLQ alarm (SNS, confirm the subscription) and the budget alerts. */
  readonly alertEmail: string;
  /** Monthly cost budget in USD for the whole account. */
  readonly monthlyBudgetUsd: number;
  /** DynamoDB point-in-time recovery: about USD 0.20 per GB-month, so off unless asked for. */
  readonly pointInTimeRecovery: boolean;
  /**
   * While the account is in the SES sandbox, SES also authorizes each send against the recipient's identity,
   * so the mailer needs ses:SendEmail on the account's identities (still only From the sender address).
   */
  readonly sesSandbox: boolean;
  /**
   * The account's SES maximum send rate, emails a second (SES console, Account dashboard): 1 in the sandbox, 14
   * for a new production account. The mailer never sends faster (SES_MAX_SEND_RATE).
   */
  readonly sesMaxSendRate: number;
  /** Keep the table and the user pool (people's data) when the stack is destroyed. */
  readonly retainData: boolean;
  /** Origins allowed by CORS besides the CloudFront web UI, e.g. `http://localhost:5173` for a dev server. */
  readonly extraCorsOrigins: readonly string[];
  /** Absolute path of the built web UI; uploaded only when it exists at synth time. */
  readonly webDist: string;
  /**
   * The one stage of the account that gets the whole free 25 RCU / 25 WCU by default. DynamoDB's free capacity is
   * per account and region, not per table: every other stage's capacity is billed.
   */
  readonly freeTierStage: string;
  /** Provisioned read and write capacity units of this stage, in all: split between the table and its indexes. */
  readonly readCapacity: number;
  readonly writeCapacity: number;
  /** The explicit choice to give a stage other than `freeTierStage` the full free-tier capacity (or more). */
  readonly allowSecondFullStage: boolean;
}

export const cognitoEmailChoices = ['cognito', 'ses'] as const;
export type CognitoEmail = (typeof cognitoEmailChoices)[number];

/** DynamoDB's always-free provisioned capacity, per account and region: 25 RCU and 25 WCU. */
export const FREE_TIER_CAPACITY = 25;
/** The default capacity of any stage but the free-tier one: 2 for the table and 1 for each index. */
export const SECOND_STAGE_CAPACITY = 5;

export const defaultParameters: DeploymentParameters = {
  stage: 'dev',
  senderEmail: 'no-reply@example.com',
  senderDomain: undefined,
  hostedZoneId: undefined,
  cognitoEmail: 'cognito',
  alertEmail: 'alerts@example.com',
  monthlyBudgetUsd: 1,
  pointInTimeRecovery: false,
  sesSandbox: true,
  sesMaxSendRate: 1,
  retainData: true,
  extraCorsOrigins: [],
  webDist: resolve(repoRoot, 'web/dist'),
  freeTierStage: 'dev',
  readCapacity: FREE_TIER_CAPACITY,
  writeCapacity: FREE_TIER_CAPACITY,
  allowSecondFullStage: false,
};

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A DNS name of at least two labels (letters, digits, inner hyphens), compared in lower case. */
const domainPattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** A Route 53 hosted zone id: `Z` and upper-case letters and digits. */
const hostedZonePattern = /^Z[A-Z0-9]{1,31}$/;

/** Reads the deployment parameters from the context of `node` (an App); throws naming a malformed value. */
export function readParameters(node: Node): DeploymentParameters {
  const text = (key: string, fallback: string): string => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return fallback;
    if (typeof value !== 'string') throw new Error(`Context ${key} must be a string`);
    return value.trim();
  };
  // `-c flag=true` arrives as a string, a cdk.json value as a boolean: accept both.
  const flag = (key: string, fallback: boolean): boolean => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return fallback;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw new Error(`Context ${key} must be true or false`);
  };
  const email = (key: string, fallback: string): string => {
    const value = text(key, fallback);
    if (!emailPattern.test(value)) throw new Error(`Context ${key} must be an email address, got "${value}"`);
    return value;
  };

  const optionalText = (key: string): string | undefined => {
    const value = text(key, '');
    return value === '' ? undefined : value;
  };

  const stage = text('stage', defaultParameters.stage);
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`Context stage must match [a-z][a-z0-9-]{0,19}`);
  const budget = Number(text('monthlyBudgetUsd', String(defaultParameters.monthlyBudgetUsd)));
  if (!Number.isFinite(budget) || budget <= 0) throw new Error('Context monthlyBudgetUsd must be a positive number');
  const webDist = text('webDist', defaultParameters.webDist);
  const sesMaxSendRate = Number(text('sesMaxSendRate', String(defaultParameters.sesMaxSendRate)));
  if (!Number.isFinite(sesMaxSendRate) || sesMaxSendRate <= 0) {
    throw new Error('Context sesMaxSendRate must be a positive number (emails a second)');
  }

  const freeTierStage = text('freeTierStage', defaultParameters.freeTierStage);
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(freeTierStage)) {
    throw new Error('Context freeTierStage must match [a-z][a-z0-9-]{0,19}');
  }
  const stageDefault = stage === freeTierStage ? FREE_TIER_CAPACITY : SECOND_STAGE_CAPACITY;
  const capacity = (key: 'readCapacity' | 'writeCapacity'): number => {
    const value = Number(text(key, String(stageDefault)));
    if (!Number.isInteger(value) || value < minimumCapacity(tableDefinition)) {
      throw new Error(
        `Context ${key} must be a whole number of at least ${minimumCapacity(tableDefinition)} (1 for the table ` +
          'and for each index)',
      );
    }
    return value;
  };
  const readCapacity = capacity('readCapacity');
  const writeCapacity = capacity('writeCapacity');
  const allowSecondFullStage = flag('allowSecondFullStage', defaultParameters.allowSecondFullStage);
  if (stage !== freeTierStage && Math.max(readCapacity, writeCapacity) >= FREE_TIER_CAPACITY && !allowSecondFullStage) {
    throw new Error(
      `Stage ${stage} asks for ${readCapacity} RCU / ${writeCapacity} WCU, the whole free tier, but the free-tier ` +
        `stage of this account is ${freeTierStage}: DynamoDB's free 25/25 is per account, so this stage's ` +
        'capacity is billed in full (docs/deploy.md, "A second stage"). Deploy it with less, or pass ' +
        '-c allowSecondFullStage=true to pay for it, or -c freeTierStage=' +
        `${stage} if it is the only stage in the account.`,
    );
  }

  const senderDomain = optionalText('senderDomain')?.toLowerCase();
  if (senderDomain !== undefined && !domainPattern.test(senderDomain)) {
    throw new Error(`Context senderDomain must be a domain name such as example.org, got "${senderDomain}"`);
  }
  let senderEmail = email('senderEmail', senderDomain ? `no-reply@${senderDomain}` : defaultParameters.senderEmail);
  if (senderDomain !== undefined) {
    const at = senderEmail.lastIndexOf('@');
    if (senderEmail.slice(at + 1).toLowerCase() !== senderDomain) {
      throw new Error(`Context senderEmail must be an address on senderDomain ${senderDomain}, got "${senderEmail}"`);
    }
    senderEmail = `${senderEmail.slice(0, at)}@${senderDomain}`;
  }
  const hostedZoneId = optionalText('hostedZoneId');
  if (hostedZoneId !== undefined && senderDomain === undefined) {
    throw new Error('Context hostedZoneId needs senderDomain: it is the Route 53 zone of that domain');
  }
  if (hostedZoneId !== undefined && !hostedZonePattern.test(hostedZoneId)) {
    throw new Error(
      `Context hostedZoneId must be a Route 53 hosted zone id such as Z0123456789ABC, got "${hostedZoneId}"`,
    );
  }
  const cognitoEmail = text('cognitoEmail', defaultParameters.cognitoEmail);
  if (!(cognitoEmailChoices as readonly string[]).includes(cognitoEmail)) {
    throw new Error(`Context cognitoEmail must be ses or cognito, got "${cognitoEmail}"`);
  }

  return {
    stage,
    senderEmail,
    senderDomain,
    hostedZoneId,
    cognitoEmail: cognitoEmail as CognitoEmail,
    alertEmail: email('alertEmail', defaultParameters.alertEmail),
    monthlyBudgetUsd: budget,
    pointInTimeRecovery: flag('pointInTimeRecovery', defaultParameters.pointInTimeRecovery),
    sesSandbox: flag('sesSandbox', defaultParameters.sesSandbox),
    sesMaxSendRate,
    retainData: flag('retainData', defaultParameters.retainData),
    extraCorsOrigins: text('extraCorsOrigins', '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    webDist: isAbsolute(webDist) ? webDist : resolve(repoRoot, webDist),
    freeTierStage,
    readCapacity,
    writeCapacity,
    allowSecondFullStage,
  };
}
