import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Attachment, SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { EmailSender } from '../../domain/email-delivery';
import type { EmailAttachment, EmailMessage } from '../../schemas/email-message';

let client: SESv2Client | undefined;

/** The one SES client of this process (tests and the benchmark add middleware to it to count or fail calls). */
export function sesClient(): SESv2Client {
  client ??= new SESv2Client({});
  return client;
}

/**
 * SES v2 attachments on simple content: SES builds the MIME message (multipart/mixed with the text and HTML
 * bodies and one part per attachment), so no hand-written MIME is needed. The SDK base64-encodes the bytes.
 */
function sesAttachment(attachment: EmailAttachment): Attachment {
  return {
    FileName: attachment.filename,
    ContentType: attachment.contentType,
    ContentDisposition: 'ATTACHMENT',
    ContentTransferEncoding: 'BASE64',
    RawContent: new TextEncoder().encode(attachment.content),
  };
}

/**
 * The SendEmail request for one message.
 * @example sendEmailInput('noreply@example.com', { idempotencyKey: 'k', to: ['a@example.com'], subject: 'Hi', text: 'Hello' })
 */
export function sendEmailInput(fromAddress: string, message: EmailMessage): SendEmailCommandInput {
  return {
    FromEmailAddress: fromAddress,
    Destination: { ToAddresses: [...message.to] },
    Content: {
      Simple: {
        Subject: { Data: message.subject, Charset: 'UTF-8' },
        Body: {
          Text: { Data: message.text, Charset: 'UTF-8' },
          ...(message.html ? { Html: { Data: message.html, Charset: 'UTF-8' } } : {}),
        },
        ...(message.attachments?.length ? { Attachments: message.attachments.map(sesAttachment) } : {}),
      },
    },
  };
}

/** Sends through SES v2 from the configured sender address (`AWS_ENDPOINT_URL_SESV2` points it at the stand-in). */
export function sesEmailSender(fromAddress: string): EmailSender {
  return {
    async send(message) {
      await sesClient().send(new SendEmailCommand(sendEmailInput(fromAddress, message)));
    },
  };
}
