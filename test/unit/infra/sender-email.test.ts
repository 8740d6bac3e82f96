import { describe, expect, it } from 'vitest';
import { defaultParameters } from '../../../infra/parameters';
import { synthesize } from './synthesized';

/**
 * Who sends email, From what: the SES sender identity (one address, or a domain with DKIM and a MAIL FROM domain),
 * and whether Cognito's confirmation codes go through it (`cognitoEmail=ses`) or through Cognito's default sender.
 */

interface EmailConfiguration {
  readonly EmailSendingAccount?: string;
  readonly From?: string;
  readonly SourceArn?: unknown;
  readonly ConfigurationSet?: unknown;
}

interface Statement {
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

const dnsOutputs = [
  'SenderDkimRecord1',
  'SenderDkimRecord2',
  'SenderDkimRecord3',
  'SenderMailFromMxRecord',
  'SenderMailFromSpfRecord',
];

function sesOf(synthesized: ReturnType<typeof synthesize>) {
  const { props, onlyId, resources, template, fnId, ofType } = synthesized;
  const poolId = onlyId('AWS::Cognito::UserPool');
  const identityId = onlyId('AWS::SES::EmailIdentity');
  const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
  /** The mailer's statements on the sender identity. */
  const mailerSenderStatements = () => {
    const role = props<{ Role: { 'Fn::GetAtt': [string] } }>(fnId('mailer')).Role['Fn::GetAtt'][0];
    return ofType('AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((s) => JSON.stringify(s.Resource).includes(identityId));
  };
  return {
    emailConfiguration: props<{ EmailConfiguration?: EmailConfiguration }>(poolId).EmailConfiguration,
    poolDependsOn: (resources[poolId] as { DependsOn?: string[] }).DependsOn ?? [],
    identity: props<Record<string, unknown>>(identityId),
    identityId,
    setId: onlyId('AWS::SES::ConfigurationSet'),
    outputs,
    mailerSenderStatements,
  };
}

/** Where an ARN from Fn::Join ends: the identity's name. */
const arnTail = (arn: unknown) => {
  const parts = (arn as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return parts[parts.length - 1];
};

describe("Cognito's emails", () => {
  it('go through Cognito’s default sender by default: it works before any SES identity is verified', () => {
    const { emailConfiguration } = sesOf(synthesize());
    expect(emailConfiguration?.EmailSendingAccount ?? 'COGNITO_DEFAULT').toBe('COGNITO_DEFAULT');
    expect(emailConfiguration?.SourceArn).toBeUndefined();
  });

  it('go through SES with cognitoEmail=ses: From the sender identity, through its configuration set', () => {
    const { emailConfiguration, identityId, setId, poolDependsOn } = sesOf(
      synthesize({ senderEmail: 'casting@example.org', cognitoEmail: 'ses' }),
    );
    expect(emailConfiguration).toMatchObject({
      EmailSendingAccount: 'DEVELOPER',
      From: 'casting@example.org',
      ConfigurationSet: { Ref: setId },
    });
    expect(arnTail(emailConfiguration?.SourceArn)).toBe(':identity/casting@example.org');
    // The identity exists before the pool names it.
    expect(poolDependsOn).toContain(identityId);
  });
});

describe('the sender identity', () => {
  it('is the one sender address when no domain is given, and needs no DNS records', () => {
    const { identity, outputs } = sesOf(synthesize());
    expect(identity.EmailIdentity).toBe(defaultParameters.senderEmail);
    expect(identity.MailFromAttributes).toBeUndefined();
    for (const output of [...dnsOutputs, 'SenderDmarcRecord']) expect(outputs[output], output).toBeUndefined();
  });

  describe('with senderDomain', () => {
    const synthesized = synthesize({ senderDomain: 'example.org', cognitoEmail: 'ses' });
    const { identity, identityId, outputs, emailConfiguration, mailerSenderStatements } = sesOf(synthesized);
    const resolved = (id: string) => JSON.stringify(outputs[id]?.Value);

    it('is the domain, with Easy DKIM and the MAIL FROM domain mail.<domain>', () => {
      expect(identity).toMatchObject({
        EmailIdentity: 'example.org',
        DkimAttributes: { SigningEnabled: true },
        DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
        MailFromAttributes: { MailFromDomain: 'mail.example.org' },
      });
    });

    it('sends From no-reply@<domain>, Cognito too, with the domain as its verified identity', () => {
      expect(emailConfiguration).toMatchObject({ EmailSendingAccount: 'DEVELOPER', From: 'no-reply@example.org' });
      expect(arnTail(emailConfiguration?.SourceArn)).toBe(':identity/example.org');
      synthesized.template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: { SENDER_EMAIL: 'no-reply@example.org' } },
      });
    });

    it('lets the mailer send From the sender address only, not from any address of the domain', () => {
      const statements = mailerSenderStatements();
      expect(statements).toHaveLength(1);
      expect(statements[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'no-reply@example.org' } });
    });

    it('outputs the DNS records the deployer must add: three DKIM CNAMEs, the MAIL FROM MX and SPF', () => {
      for (const n of [1, 2, 3]) {
        const value = resolved(`SenderDkimRecord${n}`);
        expect(value).toContain(`{"Fn::GetAtt":["${identityId}","DkimDNSTokenName${n}"]}`);
        expect(value).toContain('" CNAME "');
        expect(value).toContain(`{"Fn::GetAtt":["${identityId}","DkimDNSTokenValue${n}"]}`);
      }
      expect(resolved('SenderMailFromMxRecord')).toMatch(
        /^.*"mail\.example\.org MX 10 feedback-smtp\.".*"AWS::Region".*\.amazonses\.com"/,
      );
      expect(outputs.SenderMailFromSpfRecord?.Value).toBe('mail.example.org TXT "v=spf1 include:amazonses.com ~all"');
    });

    it('suggests a DMARC record', () => {
      expect(outputs.SenderDmarcRecord?.Value).toMatch(/^_dmarc\.example\.org TXT "v=DMARC1; p=none;/);
    });

    it('adds no DNS records itself: the stack cannot know the DNS provider', () => {
      expect(synthesized.ofType('AWS::Route53::RecordSet')).toEqual([]);
    });
  });

  describe('with senderDomain and its Route 53 hostedZoneId', () => {
    const synthesized = synthesize({ senderDomain: 'example.org', hostedZoneId: 'Z0123456789ABCDEFGHIJ' });
    const { identity, outputs } = sesOf(synthesized);
    const records = synthesized
      .ofType('AWS::Route53::RecordSet')
      .map(([, r]) => r.Properties as { HostedZoneId: string; Type: string; Name: unknown; ResourceRecords: unknown });

    it('is the domain with DKIM and MAIL FROM, as without the zone', () => {
      expect(identity).toMatchObject({
        EmailIdentity: 'example.org',
        MailFromAttributes: { MailFromDomain: 'mail.example.org' },
      });
    });

    it('creates the DKIM CNAMEs and the MAIL FROM MX and SPF records in the zone instead of outputting them', () => {
      expect(records.every((r) => r.HostedZoneId === 'Z0123456789ABCDEFGHIJ')).toBe(true);
      expect(records.filter((r) => r.Type === 'CNAME')).toHaveLength(3);
      const mailFrom = records.filter((r) => r.Name === 'mail.example.org.');
      expect(mailFrom.map((r) => r.Type).sort()).toEqual(['MX', 'TXT']);
      expect(JSON.stringify(mailFrom.find((r) => r.Type === 'TXT')?.ResourceRecords)).toContain(
        'v=spf1 include:amazonses.com ~all',
      );
      for (const output of dnsOutputs) expect(outputs[output], output).toBeUndefined();
    });

    it('still only suggests DMARC, which the domain may already have', () => {
      expect(records.some((r) => JSON.stringify(r.Name).includes('_dmarc'))).toBe(false);
      expect(outputs.SenderDmarcRecord?.Value).toMatch(/^_dmarc\.example\.org TXT "v=DMARC1;/);
    });

    it('leaves Cognito on its default sender unless cognitoEmail=ses', () => {
      const { emailConfiguration } = sesOf(synthesized);
      expect(emailConfiguration?.EmailSendingAccount ?? 'COGNITO_DEFAULT').toBe('COGNITO_DEFAULT');
    });
  });
});
