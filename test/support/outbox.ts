import { inject } from 'vitest';

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** Every email the local SES stand-in has accepted. */
export async function sentEmails(): Promise<StoredEmail[]> {
  const response = await fetch(`${inject('sesUrl')}/store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return emails;
}

/** Polls until `check` passes or the time runs out; returns the last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}
