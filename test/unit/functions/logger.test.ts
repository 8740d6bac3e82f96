import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lineLogger } from '../../../src/functions/line-logger';
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

  it('writes the Lambda context on every line, and errors nested in an attribute by the same rule', () => {
    const lines = linesOf(() => {
      logger.addContext(context);
      logger.info('first');
      logger.addContext({ ...context, awsRequestId: 'request-2' });
      logger.info('second', { cause: new Error('at bo@example.com', { cause: new RangeError('inner') }) });
    }).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toMatchObject([
      {
        level: 'INFO',
        message: 'first',
        service: 'audition-me',
        function_name: 'mailer',
        function_arn: context.invokedFunctionArn,
        function_memory_size: '256',
        function_request_id: 'request-1',
      },
      {
        message: 'second',
        function_request_id: 'request-2',
        cause: { message: 'at [email]', cause: { name: 'RangeError' } },
      },
    ]);
  });

  it('marks the first invocation of a container as its cold start, and no later one', () => {
    const fresh = lineLogger('audition-me');
    fresh.setLogLevel('INFO');
    const lines = linesOf(() => {
      fresh.addContext(context);
      fresh.info('first');
      fresh.addContext(context);
      fresh.info('second');
    }).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.cold_start)).toEqual([true, false]);
  });
});
