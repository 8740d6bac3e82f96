import { Annotations, App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AuditionMeStack, type AuditionMeStackProps } from './audition-me-stack';
import { defaultParameters, readParameters } from './parameters';

export interface CreatedApp {
  readonly app: App;
  readonly stack: AuditionMeStack;
}

/**
 * The CDK app: one environment-agnostic stack (no account or region, so synth needs no credentials) checked by
 * cdk-nag's AwsSolutions pack. Deployment parameters come from the app's context.
 */
export function createApp(props: AppProps = {}, stackProps: Omit<AuditionMeStackProps, 'parameters'> = {}): CreatedApp {
  const app = new App(props);
  const parameters = readParameters(app.node);
  const stack = new AuditionMeStack(app, `AuditionMe-${parameters.stage}`, {
    description: `Audition Me (${parameters.stage}): serverless audition and casting platform`,
    ...stackProps,
    parameters,
  });
  for (const key of ['senderEmail', 'alertEmail'] as const) {
    if (parameters[key] === defaultParameters[key]) {
      // Fine for synth and tests; a deployment needs real addresses (docs/deploy.md).
      Annotations.of(stack).addWarningV2(
        `audition-me:default-${key}`,
        `${key} is the placeholder ${defaultParameters[key]}; deploy with -c ${key}=<your address>`,
      );
    }
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
