import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CfnElement, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { expect } from 'vitest';
import type { AuditionMeStack } from '../../../infra/audition-me-stack';
import { createApp } from '../../../infra/create-app';
import { type FunctionDefinition, functions } from '../../../src/manifest';

/** Template tests skip esbuild: they read the template, not the bundles. */
export const noBundling = { 'aws:cdk:bundling-stacks': [] };
export const alertEmail = 'ops@example.org';

export interface Resource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
}

/** What one synthesis gives: the template, and the logical id of each manifest function in it. */
interface Synthesis {
  readonly template: Record<string, unknown>;
  readonly functionIds: Record<string, string>;
}

/**
 * `scripts/run-tests.mjs` names a fresh folder here for one run of the unit project: the default stack (no extra
 * context or functions) is synthesized by the first file that needs it and read back by the others, instead of
 * once per file (a synthesis takes seconds to tens of seconds on a busy 2-core machine). Nothing is kept
 * between runs, so a changed manifest or stack is always synthesized anew.
 */
const cacheDir = process.env.AUDITION_ME_SYNTH_CACHE;

const logicalIdOf = (stack: Stack, construct: IConstruct) =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);

function synthesis(stack: AuditionMeStack): Synthesis {
  return {
    template: Template.fromStack(stack).toJSON(),
    functionIds: Object.fromEntries(
      [...stack.functions].map(([name, deployed]) => [name, logicalIdOf(stack, deployed.fn)]),
    ),
  };
}

/** The default stack's synthesis, from this run's cache when another file already made it. */
function defaultSynthesis(newStack: () => AuditionMeStack): Synthesis {
  const file = cacheDir ? join(cacheDir, 'default-stack.json') : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Synthesis;
  const made = synthesis(newStack());
  if (file) {
    mkdirSync(cacheDir!, { recursive: true });
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(made));
    renameSync(partial, file);
  }
  return made;
}

/**
 * Synthesizes the stack from the manifest (plus `extraFunctions`) and returns its template with lookups by
 * resource type and by manifest function name.
 */
export function synthesize(context: Record<string, unknown> = {}, extraFunctions: readonly FunctionDefinition[] = []) {
  let built: AuditionMeStack | undefined;
  const newStack = () =>
    (built = createApp(
      { context: { ...noBundling, alertEmail, ...context } },
      extraFunctions.length ? { functions: [...functions, ...extraFunctions] } : {},
    ).stack);
  const isDefault = Object.keys(context).length === 0 && extraFunctions.length === 0;
  const made = isDefault ? defaultSynthesis(newStack) : synthesis(newStack());
  // The stack object itself (for its tokens, or a construct's logical id) is built when a test asks for it;
  // building is quick, synthesizing is what takes the time.
  const stackOf = () => (built ??= newStack());
  const template = Template.fromJSON(made.template);
  const resources = (made.template as { Resources: Record<string, Resource> }).Resources;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const idOf = (construct: IConstruct) => logicalIdOf(stackOf(), construct);
  const fnId = (name: string) => {
    const id = made.functionIds[name];
    if (!id) throw new Error(`no function ${name}`);
    return id;
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
  return {
    get stack() {
      return stackOf();
    },
    template,
    resources,
    ofType,
    idOf,
    fnId,
    props,
    onlyId,
    queueId,
  };
}
