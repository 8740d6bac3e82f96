import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliverability, suppressionsFrom } from '../../../src/domain/email-suppression';
import { sesFeedbackFromText } from '../../../src/schemas/ses-notification';

/** The mail object SES puts in every notification (from the SES developer guide's examples). */
const mail = {
  timestamp: '2016-01-27T14:59:38.237Z',
  messageId: '00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000',
  source: 'john@example.com',
  sourceArn: 'arn:aws:ses:us-east-1:888888888888:identity/example.com',
  sourceIp: '127.0.3.0',
  sendingAccountId: '123456789012',
  callerIdentity: 'IAM_user_or_role_name',
  destination: ['jane@example.com', 'mary@example.com', 'richard@example.com'],
  headersTruncated: false,
};

/** SES's documented bounce notification (Amazon SES notification contents, "Bounce notification example"). */
const permanentBounce = {
  notificationType: 'Bounce',
  bounce: {
    bounceType: 'Permanent',
    reportingMTA: 'dns; email.example.com',
    bouncedRecipients: [
      {
        emailAddress: 'jane@example.com',
        status: '5.1.1',
        action: 'failed',
        diagnosticCode: 'smtp; 550 5.1.1 <jane@example.com>... User',
      },
    ],
    bounceSubType: 'General',
    timestamp: '2016-01-27T14:59:38.237Z',
    feedbackId: '00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa068a-000000',
    remoteMtaIp: '127.0.2.0',
  },
  mail,
};

/** SES's documented complaint notification. */
const complaint = {
  notificationType: 'Complaint',
  complaint: {
    userAgent: 'AnyCompany Feedback Loop (V0.01)',
    complainedRecipients: [{ emailAddress: 'richard@example.com' }],
    complaintFeedbackType: 'abuse',
    arrivalDate: '2016-01-27T14:59:38.237Z',
    timestamp: '2016-01-27T14:59:38.237Z',
    feedbackId: '000001378603177f-18c07c78-fa81-4a58-9dd1-fedc3cb8f49a-000000',
  },
  mail,
};

const transientBounce = {
  ...permanentBounce,
  bounce: { ...permanentBounce.bounce, bounceType: 'Transient', bounceSubType: 'MailboxFull' },
};

const suppressionsIn = (notification: unknown) => suppressionsFrom(sesFeedbackFromText(JSON.stringify(notification)));

describe("reading SES's bounce and complaint notifications", () => {
  it('suppresses the recipient of a permanent bounce, with the sub-type and the time of the bounce', () => {
    expect(suppressionsIn(permanentBounce)).toEqual([
      {
        email: 'jane@example.com',
        reason: 'bounce',
        detail: 'General',
        since: '2016-01-27T14:59:38.237Z',
        feedbackId: '00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa068a-000000',
      },
    ]);
  });

  it('suppresses the recipient of a complaint, with its feedback type', () => {
    expect(suppressionsIn(complaint)).toEqual([
      {
        email: 'richard@example.com',
        reason: 'complaint',
        detail: 'abuse',
        since: '2016-01-27T14:59:38.237Z',
        feedbackId: '000001378603177f-18c07c78-fa81-4a58-9dd1-fedc3cb8f49a-000000',
      },
    ]);
  });

  it('reads the event-publishing shape of a configuration set (eventType) alike', () => {
    const { notificationType: _n, ...rest } = permanentBounce;
    expect(suppressionsIn({ eventType: 'Bounce', ...rest })).toEqual(suppressionsIn(permanentBounce));
    const { notificationType: _c, ...complaintRest } = complaint;
    expect(suppressionsIn({ eventType: 'Complaint', ...complaintRest })).toEqual(suppressionsIn(complaint));
  });

  it('suppresses nothing for a transient or undetermined bounce, a delivery or any other notification', () => {
    expect(suppressionsIn(transientBounce)).toEqual([]);
    expect(
      suppressionsIn({ ...permanentBounce, bounce: { ...permanentBounce.bounce, bounceType: 'Undetermined' } }),
    ).toEqual([]);
    expect(
      suppressionsIn({ notificationType: 'Delivery', delivery: { recipients: ['jane@example.com'] }, mail }),
    ).toEqual([]);
    expect(suppressionsIn({ eventType: 'Open', open: {}, mail })).toEqual([]);
  });

  it('suppresses only Permanent bounces, whatever the type, sub-type and recipients', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Permanent', 'Transient', 'Undetermined', 'permanent', ''),
        fc.uniqueArray(fc.emailAddress(), { minLength: 1, maxLength: 5 }),
        (bounceType, addresses) => {
          const found = suppressionsIn({
            notificationType: 'Bounce',
            bounce: {
              bounceType,
              bounceSubType: 'General',
              bouncedRecipients: addresses.map((emailAddress) => ({ emailAddress })),
              timestamp: '2026-11-30T09:00:00.000Z',
            },
          });
          const expected = bounceType === 'Permanent' ? [...new Set(addresses.map((a) => a.toLowerCase()))] : [];
          expect(found.map((s) => s.email)).toEqual(expected);
        },
      ),
    );
  });

  it('refuses a message that is not an SES notification, or a bounce without its details', () => {
    expect(() => sesFeedbackFromText('not json')).toThrow(SyntaxError);
    expect(() => sesFeedbackFromText(JSON.stringify({ hello: 'world' }))).toThrow();
    expect(() => sesFeedbackFromText(JSON.stringify({ notificationType: 'Bounce', mail }))).toThrow();
    expect(() => sesFeedbackFromText(JSON.stringify({ notificationType: 'Complaint', complaint: {} }))).toThrow();
  });
});

describe('deliverability', () => {
  it('shows an address without a record as deliverable, and one with a record with its reason', () => {
    expect(deliverability(undefined)).toEqual({ emailDeliverable: true });
    expect(deliverability(suppressionsIn(complaint)[0])).toEqual({
      emailDeliverable: false,
      emailUndeliverable: { reason: 'complaint', detail: 'abuse', since: '2016-01-27T14:59:38.237Z' },
    });
  });
});
