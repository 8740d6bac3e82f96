import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { limitSendRate, SesSendRate } from '../../../local/runtime/ses-rate';

describe('the local SES send rate', () => {
  it('accepts a burst, then one send per 1/rate seconds, as SES does', () => {
    let now = 0;
    const rate = new SesSendRate({ perSecond: 4, burst: 2 }, () => now);
    expect([rate.admit(), rate.admit(), rate.admit()]).toEqual([true, true, false]);
    now += 250;
    expect([rate.admit(), rate.admit()]).toEqual([true, false]);
    now += 10_000;
    expect([rate.admit(), rate.admit(), rate.admit()]).toEqual([true, true, false]);
    expect({ accepted: rate.accepted, refused: rate.refused }).toEqual({ accepted: 5, refused: 3 });
  });

  it('accepts everything without a limit', () => {
    const rate = new SesSendRate(undefined, () => 0);
    expect(Array.from({ length: 100 }, () => rate.admit()).every(Boolean)).toBe(true);
  });

  it('refuses a send over the rate with the error SES v2 gives, after the SDK retried it', async () => {
    const rate = new SesSendRate({ perSecond: 0.001, burst: 1 });
    const client = new SESv2Client({
      region: 'us-east-1',
      maxAttempts: 2,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    let reachedSes = 0;
    client.middlewareStack.add(
      () => async () => {
        reachedSes += 1;
        return { output: { $metadata: {}, MessageId: 'm' }, response: {} };
      },
      { step: 'finalizeRequest', name: 'answeredHere', priority: 'low' },
    );
    limitSendRate(client, rate);
    const send = () =>
      client.send(
        new SendEmailCommand({
          FromEmailAddress: 'a@example.com',
          Destination: { ToAddresses: ['b@example.com'] },
          Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } },
        }),
      );
    await send();
    await expect(send()).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      message: 'Maximum sending rate exceeded.',
      $metadata: expect.objectContaining({ httpStatusCode: 429 }),
    });
    expect(reachedSes).toBe(1);
    expect(rate.refused).toBe(2);
  });
});
