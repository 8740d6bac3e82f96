import { Schedule } from 'aws-cdk-lib/aws-events';
import { describe, expect, it } from 'vitest';
import { cronForEveryMinutes } from '../../../infra/schedule-expression';

describe('cronForEveryMinutes', () => {
  const expression = (minutes: number) => Schedule.cron(cronForEveryMinutes(minutes)).expressionString;

  it.each([
    [15, 'cron(0/15 * * * ? *)'],
    [5, 'cron(0/5 * * * ? *)'],
    [30, 'cron(0/30 * * * ? *)'],
    [1, 'cron(* * * * ? *)'],
    [60, 'cron(0 * * * ? *)'],
    [120, 'cron(0 0/2 * * ? *)'],
  ])('every %i minutes is %s', (minutes, cron) => {
    expect(expression(minutes)).toBe(cron);
  });

  it.each([0, -15, 7, 45, 90, 1.5, 60 * 7])('refuses %s, which would not keep even gaps on the clock', (minutes) => {
    expect(() => cronForEveryMinutes(minutes)).toThrow();
  });
});
