import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { EmailSender } from '../../domain/email-delivery';

let client: SESv2Client | undefined;

/** Sends through SES v2 from the configured sender address (`AWS_ENDPOINT_URL_SESV2` points it at the stand-in). */
export function sesEmailSender(fromAddress: string): EmailSender {
  return {
    async send(message) {
      client ??= new SESv2Client({});
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: fromAddress,
          Destination: { ToAddresses: message.to },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: {
                Text: { Data: message.text, Charset: 'UTF-8' },
                ...(message.html ? { Html: { Data: message.html, Charset: 'UTF-8' } } : {}),
              },
            },
          },
        }),
      );
    },
  };
}
