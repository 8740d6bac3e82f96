import { describe, expect, it } from 'vitest';
import { functionNamed } from '../../../src/manifest';
import { synthesize } from './synthesized';

const main = synthesize();
const mailer = functionNamed('mailer');

describe('the mailer within SES sending rate', () => {
  it('declares a maximum concurrency for its queue, and the stack deploys that one', () => {
    const trigger = mailer.trigger;
    expect(trigger.kind === 'sqs' && trigger.maxConcurrency).toBe(2);
    const mapping = main
      .ofType('AWS::Lambda::EventSourceMapping')
      .find(([, m]) => JSON.stringify(m.Properties.FunctionName).includes(main.fnId('mailer')));
    expect(mapping?.[1].Properties).toMatchObject({ ScalingConfig: { MaximumConcurrency: 2 } });
  });

  it('tells the mailer the account sending rate: 1 a second (the SES sandbox) unless the deployment says so', () => {
    const rateOf = (synthesis: ReturnType<typeof synthesize>) => {
      const fn = synthesis.props<{ Environment: { Variables: Record<string, unknown> } }>(synthesis.fnId('mailer'));
      return fn.Environment.Variables.SES_MAX_SEND_RATE;
    };
    expect(rateOf(main)).toBe('1');
    expect(rateOf(synthesize({ sesMaxSendRate: '14' }))).toBe('14');
  });
});
