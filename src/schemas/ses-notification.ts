import * as z from 'zod/mini';
import type { SesFeedback } from '../domain/email-suppression';

/**
 * SES's bounce and complaint notifications, as it publishes them to SNS: the identity's feedback notifications
 * carry `notificationType`, a configuration set's event destination carries `eventType`; both with the same
 * `bounce` and `complaint` objects. Only the fields read are checked; SES adds others.
 * https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html
 * https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html
 */
const recipients = z.array(z.looseObject({ emailAddress: z.string().check(z.minLength(1)) }));

const bounce = z.looseObject({
  bounceType: z.string(),
  bounceSubType: z.optional(z.string()),
  bouncedRecipients: recipients,
  timestamp: z.string(),
  feedbackId: z.optional(z.string()),
});

const complaint = z.looseObject({
  complainedRecipients: recipients,
  timestamp: z.string(),
  feedbackId: z.optional(z.string()),
  complaintFeedbackType: z.optional(z.string()),
});

const notification = z
  .looseObject({
    notificationType: z.optional(z.string()),
    eventType: z.optional(z.string()),
    bounce: z.optional(bounce),
    complaint: z.optional(complaint),
  })
  .check(z.refine((n) => n.notificationType ?? n.eventType, 'has neither notificationType nor eventType'));

/**
 * Reads an SNS message from SES. Throws a ZodError (or a SyntaxError) for one that is not SES's notification, or a
 * bounce or complaint without its details.
 *
 * @example sesFeedbackFromText(record.Sns.Message) // { kind: 'bounce', bounceType: 'Permanent', … }
 */
export function sesFeedbackFromText(text: string): SesFeedback {
  const n = notification.parse(JSON.parse(text));
  const type = (n.notificationType ?? n.eventType) as string;
  if (type === 'Bounce') {
    const b = bounce.parse(n.bounce);
    return {
      kind: 'bounce',
      bounceType: b.bounceType,
      ...(b.bounceSubType ? { bounceSubType: b.bounceSubType } : {}),
      recipients: b.bouncedRecipients.map((r) => r.emailAddress),
      timestamp: b.timestamp,
      ...(b.feedbackId ? { feedbackId: b.feedbackId } : {}),
    };
  }
  if (type === 'Complaint') {
    const c = complaint.parse(n.complaint);
    return {
      kind: 'complaint',
      ...(c.complaintFeedbackType ? { feedbackType: c.complaintFeedbackType } : {}),
      recipients: c.complainedRecipients.map((r) => r.emailAddress),
      timestamp: c.timestamp,
      ...(c.feedbackId ? { feedbackId: c.feedbackId } : {}),
    };
  }
  return { kind: 'other', type };
}
