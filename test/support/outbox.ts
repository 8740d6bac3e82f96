import { inject } from 'vitest';

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments?: { filename?: string; contentType: string; content: string }[];
  at: number;
}

/** The emails sent to one address. */
export async function emailsTo(address: string): Promise<StoredEmail[]> {
  return (await sentEmails()).filter((e) => e.destination.to.includes(address));
}

/** The text of an attachment as stored by the SES stand-in (base64). */
export const attachmentText = (attachment: { content: string }) =>
  Buffer.from(attachment.content, 'base64').toString('utf8');

/**
 * When this test file began (epoch seconds, a second early): emails older than that belong to other files. The
 * outbox keeps every email of the run (hundreds after the reminder tests), and tests poll it, so each read asks
 * only for the newer ones. The ones returned are a suffix of the outbox, in order.
 */
const fileStarted = Math.floor(Date.now() / 1000) - 1;

/** Every email the local SES stand-in has accepted since this test file began. */
export async function sentEmails(): Promise<StoredEmail[]> {
  const response = await fetch(`${inject('sesUrl')}/store?since=${fileStarted}`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return emails;
}

/** Polls until `check` passes and returns the value; fails the test if it does not pass in time. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline) {
      throw new Error(`Still not as expected after ${timeoutMs / 1000} s: ${JSON.stringify(value)?.slice(0, 2000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}
