import { describe, expect, it } from 'vitest';
import { synthesize } from './synthesized';

const main = synthesize();
const { ofType, fnId, props, onlyId } = main;

describe("SES's bounce and complaint notifications", () => {
  // The stack's other topic is the alerts'.
  const topicId = ofType('AWS::SNS::Topic').find(([id]) => id.startsWith('Triggers'))?.[0];

  it('reach the ses-feedback function through the topic of the manifest', () => {
    main.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: topicId },
      Endpoint: { 'Fn::GetAtt': [fnId('ses-feedback'), 'Arn'] },
    });
  });

  it('are published to it by the configuration set that the sender identity uses by default', () => {
    const setId = onlyId('AWS::SES::ConfigurationSet');
    const identity = props<Record<string, unknown>>(onlyId('AWS::SES::EmailIdentity'));
    expect(identity.ConfigurationSetAttributes).toEqual({ ConfigurationSetName: { Ref: setId } });
    const destinationId = onlyId('AWS::SES::ConfigurationSetEventDestination');
    expect(props(destinationId)).toMatchObject({
      ConfigurationSetName: { Ref: setId },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: { Ref: topicId } },
      },
    });
    // SES may publish to the topic (CDK adds the topic policy for the configuration set).
    const policies = ofType('AWS::SNS::TopicPolicy').map(([, r]) => JSON.stringify(r.Properties));
    expect(policies.some((p) => p.includes('ses.amazonaws.com') && p.includes(`"${topicId}"`))).toBe(true);
  });
});
