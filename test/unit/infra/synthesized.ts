import { type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { expect } from 'vitest';
import { createApp } from '../../../infra/create-app';
import { type FunctionDefinition, functions } from '../../../src/manifest';

/** Template tests skip esbuild: they read the template, not the bundles. */
export const noBundling = { 'aws:cdk:bundling-stacks': [] };
export const alertEmail = 'ops@example.org';

export interface Resource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
}

/**
 * Synthesizes the stack from the manifest (plus `extraFunctions`) and returns its template with lookups by
 * resource type and by manifest function name.
 */
export function synthesize(context: Record<string, unknown> = {}, extraFunctions: readonly FunctionDefinition[] = []) {
  const { stack } = createApp(
    { context: { ...noBundling, alertEmail, ...context } },
    extraFunctions.length ? { functions: [...functions, ...extraFunctions] } : {},
  );
  const template = Template.fromStack(stack);
  const resources = (template.toJSON() as { Resources: Record<string, Resource> }).Resources;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const idOf = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  const fnId = (name: string) => {
    const deployed = stack.functions.get(name);
    if (!deployed) throw new Error(`no function ${name}`);
    return idOf(deployed.fn);
  };
  const props = <T>(id: string) => resources[id]?.Properties as T;
  /** The logical id of the one resource of `type`; fails the test if there are none or several. */
  const onlyId = (type: string) => {
    const found = ofType(type);
    expect(found, type).toHaveLength(1);
    return found[0]![0];
  };
  /** The logical id of a manifest queue (`Email`) or its dead-letter queue (`EmailDlq`). */
  const queueId = (name: string) => {
    const found = ofType('AWS::SQS::Queue').find(([id]) => id.startsWith(`Queues${name}Queue`));
    if (!found) throw new Error(`no queue ${name}`);
    return found[0];
  };
  return { stack, template, resources, ofType, idOf, fnId, props, onlyId, queueId };
}
