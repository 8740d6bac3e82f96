/**
 * Entry point of `cdk synth|deploy|destroy` (see cdk.json). Parameters: `-c stage=… -c senderEmail=…
 * -c alertEmail=…` and the others in infra/parameters.ts; docs/deploy.md walks through a deployment.
 */
import { createApp } from './create-app';

createApp().app.synth();
