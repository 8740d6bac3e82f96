import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger, redacted } from '../../../src/functions/logger';

const context = {
  functionName: 'mailer',
  awsRequestId: 'request-1',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:mailer',
  memoryLimitInMB: '256',
} as Context;

/** The JSON lines the logger writes while `work` runs. */
function linesOf(work: () => void): string[] {
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(capture),
    vi.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  const level = logger.getLevelName();
  logger.setLogLevel('DEBUG');
  try {
    work();
  } finally {
    logger.setLogLevel(level);
    for (const spy of spies) spy.mockRestore();
  }
  return lines;
}

describe('the functions’ logger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('blanks out email addresses and phone numbers in any text', () => {
    expect(redacted('Email address is not verified: Bo.Park+x@example.co.uk, call +44 20 7946 0321')).toBe(
      'Email address is not verified: [email], call [phone]',
    );
  });

  it('logs an SDK error by name, code, status and a redacted message, never the items it carries', () => {
    const error = Object.assign(new Error('Transaction cancelled for bo@example.com'), {
      name: 'TransactionCanceledException',
      $metadata: { httpStatusCode: 400 },
      CancellationReasons: [{ Code: 'ConditionalCheckFailed', Item: { accessNeeds: { S: 'A quiet room, please' } } }],
    });
    const [line = ''] = linesOf(() => {
      logger.addContext(context);
      logger.warn('email failed', { key: 'k/bo@example.com', phone: '+14155550123', error });
    });
    const logged = JSON.parse(line) as Record<string, unknown>;
    expect(logged).toMatchObject({
      function_request_id: 'request-1',
      phone: '[phone]',
      error: { name: 'TransactionCanceledException', status: 400, message: 'Transaction cancelled for [email]' },
    });
    expect(line).not.toMatch(/example\.com|4155550123|quiet room/);
  });
});
