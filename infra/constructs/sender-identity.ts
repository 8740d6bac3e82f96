import { Aws, CfnOutput, Fn, type Stack } from 'aws-cdk-lib';
import { UserPoolEmail } from 'aws-cdk-lib/aws-cognito';
import { PublicHostedZone } from 'aws-cdk-lib/aws-route53';
import {
  ConfigurationSet,
  DkimIdentity,
  EasyDkimSigningKeyLength,
  EmailIdentity,
  Identity,
  MailFromBehaviorOnMxFailure,
} from 'aws-cdk-lib/aws-ses';

export interface SenderIdentityProps {
  /** The From address of every email. */
  readonly senderEmail: string;
  /** A domain to verify instead of the one address (`senderEmail` is on it); see DeploymentParameters. */
  readonly senderDomain?: string;
  /** The Route 53 public hosted zone whose apex is `senderDomain`: its DNS records are created there. */
  readonly hostedZoneId?: string;
}

/** The subdomain of the sender domain that SES uses as the MAIL FROM (envelope sender, bounce) domain. */
export const MAIL_FROM_SUBDOMAIN = 'mail';

/** The sender: its SES identity, the configuration set all its email goes through, and Cognito's use of both. */
export interface Sender {
  readonly configurationSet: ConfigurationSet;
  readonly identity: EmailIdentity;
  /** Cognito sending through the identity and the configuration set (the identity must be verified by then). */
  readonly cognitoEmail: () => UserPoolEmail;
}

/**
 * What every email is sent From: an SES identity, either the one sender address (verified by a link emailed to it)
 * or a domain with Easy DKIM and a custom MAIL FROM domain (verified by DNS records), and the configuration set
 * that all its email goes through by default. For a domain without a hosted zone, the records to add are stack
 * outputs, one line each in zone-file form (name, type, value).
 *
 * The resources are the stack's own children, with the ids they have always had: a changed logical id would
 * replace the identity, and SES refuses to create an identity that still exists.
 */
export function addSender(stack: Stack, props: SenderIdentityProps): Sender {
  const configurationSet = new ConfigurationSet(stack, 'SenderConfigurationSet');
  const domain = props.senderDomain;
  const cognitoEmail = () =>
    UserPoolEmail.withSES({
      fromEmail: props.senderEmail,
      // The stack is environment-agnostic: the region it is deployed to, where the identity is.
      sesRegion: Aws.REGION,
      sesVerifiedDomain: domain,
      configurationSetName: configurationSet.configurationSetName,
    });
  if (domain === undefined) {
    const identity = new EmailIdentity(stack, 'SenderIdentity', {
      identity: Identity.email(props.senderEmail),
      configurationSet,
    });
    return { configurationSet, identity, cognitoEmail };
  }

  const mailFromDomain = `${MAIL_FROM_SUBDOMAIN}.${domain}`;
  const zone = props.hostedZoneId
    ? PublicHostedZone.fromPublicHostedZoneAttributes(stack, 'SenderHostedZone', {
        hostedZoneId: props.hostedZoneId,
        zoneName: domain,
      })
    : undefined;
  const identity = new EmailIdentity(stack, 'SenderIdentity', {
    // With a zone, CDK adds the three DKIM CNAMEs and the MAIL FROM MX and SPF records to it.
    identity: zone ? Identity.publicHostedZone(zone) : Identity.domain(domain),
    configurationSet,
    dkimSigning: true,
    dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
    mailFromDomain,
    // Until the MX record is there, SES sends with its own amazonses.com MAIL FROM domain instead of refusing.
    mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
  });

  const record = (outputId: string, line: string, description: string) =>
    new CfnOutput(stack, outputId, { value: line, description });
  if (!zone) {
    const tokens = [
      [identity.dkimDnsTokenName1, identity.dkimDnsTokenValue1],
      [identity.dkimDnsTokenName2, identity.dkimDnsTokenValue2],
      [identity.dkimDnsTokenName3, identity.dkimDnsTokenValue3],
    ] as const;
    tokens.forEach(([name, value], i) =>
      record(`SenderDkimRecord${i + 1}`, Fn.join('', [name, ' CNAME ', value]), `DNS record: Easy DKIM ${i + 1} of 3`),
    );
    record(
      'SenderMailFromMxRecord',
      `${mailFromDomain} MX 10 feedback-smtp.${Aws.REGION}.amazonses.com`,
      'DNS record: the MAIL FROM domain, which receives bounces for SES',
    );
    record(
      'SenderMailFromSpfRecord',
      `${mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
      'DNS record: SPF of the MAIL FROM domain',
    );
  }
  // A suggestion even with a zone: the domain may already have a DMARC policy, which a second record would break.
  record(
    'SenderDmarcRecord',
    `_dmarc.${domain} TXT "v=DMARC1; p=none;"`,
    'DNS record, suggested unless the domain has one: DMARC, to tighten to p=quarantine once reports are clean',
  );
  return { configurationSet, identity, cognitoEmail };
}
