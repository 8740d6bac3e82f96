import { resolve } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionDefinition, Permission } from '../../src/manifest';
import { pascal } from '../names';
import { repoRoot } from '../repo-root';

/** One runtime for every function, so tests and docs have one place to look. */
export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;
export const FUNCTION_ARCHITECTURE = Architecture.ARM_64;
/** Enough to debug last week's problem; CloudWatch Logs storage beyond the free 5 GB is billed. */
export const LOG_RETENTION = RetentionDays.ONE_MONTH;

/**
 * An ESM bundle needs a real `require` for CommonJS dependencies that `require()` Node built-ins (some bundles
 * today contain `require("crypto")`): esbuild leaves those calls in place, and without `require` in scope they
 * throw "Dynamic require of … is not supported" at runtime.
 */
const REQUIRE_SHIM = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * Packages swapped for a module of ours in every bundle (esbuild `--alias`; paths from the project root).
 * `@aws-sdk/credential-provider-node`, the SDK's default credential chain, becomes the environment link alone
 * (`src/adapters/lambda-credentials.ts`): on Lambda the role's credentials are in the environment, and the rest of
 * the chain is about 135 KB of every bundle. Exported so `npm run bench` and the bundle test build the same way.
 */
export const FUNCTION_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': './src/adapters/lambda-credentials.ts',
};

/**
 * How every function is bundled (esbuild through NodejsFunction). Exported so `npm run bench` measures bundles
 * built exactly as deployed.
 */
export const FUNCTION_BUNDLING = {
  minify: true,
  sourceMap: false,
  format: OutputFormat.ESM,
  target: 'node22',
  // Prefer the ES module builds of dependencies (the SDK ships them) so esbuild can tree-shake.
  mainFields: ['module', 'main'],
  banner: REQUIRE_SHIM,
  // Bundle the SDK v3 clients rather than use the copy in the Lambda runtime: the code then runs the exact
  // versions pinned in package-lock.json and tested locally, instead of whatever version AWS ships that
  // month. The cost is a larger bundle (a few hundred KB minified), which is small next to that certainty.
  bundleAwsSDK: true,
  esbuildArgs: { '--alias': Object.entries(FUNCTION_ALIASES).map(([from, to]) => `${from}=${to}`) },
  logLevel: LogLevel.WARNING,
} as const satisfies BundlingOptions;

/**
 * SDK modules the SDK itself loads with a dynamic `import()` only when an operation has an event-stream member
 * (`HttpProtocol.loadEventStreamCapability` in `@smithy/core`): about 20 KB of codec, CRC32 and serde per bundle.
 * No operation this product calls has one (DynamoDB, SQS, SESv2 and Cognito have none at all; of S3's only
 * SelectObjectContent does), so a bundle leaves the module out (esbuild `--external`) and keeps the `import()`,
 * which would fail loudly, never silently, if an event-stream operation were ever called.
 */
export const DEFERRED_SDK_MODULES: readonly string[] = ['@smithy/core/event-streams'];

/**
 * The permissions only the S3 client's calls use (CopyObject, HeadObject, DeleteObject; the browser's POST and the
 * photos' GET URLs are signed by our own code). The S3 client imports the event-stream serde statically, so a
 * function holding one of these keeps it in its bundle. `test/unit/infra/bundle-contents.test.ts` builds every
 * function and fails if a bundle imports a left-out module other than through `import()`.
 */
const S3_CLIENT_PERMISSIONS: readonly Permission[] = ['photos:write', 'photos:delete'];

/** The modules a function's bundle leaves out: see `DEFERRED_SDK_MODULES`. */
export function externalModulesOf(definition: FunctionDefinition): string[] {
  return definition.permissions.some((p) => S3_CLIENT_PERMISSIONS.includes(p)) ? [] : [...DEFERRED_SDK_MODULES];
}

export interface ManifestFunctionProps {
  readonly definition: FunctionDefinition;
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * A Lambda function from a manifest entry: its own esbuild bundle, its own role (which starts with nothing but
 * writing to its own log group; the stack adds exactly the manifest's permissions) and its own log group.
 */
export class ManifestFunction extends Construct {
  readonly definition: FunctionDefinition;
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ManifestFunctionProps) {
    super(scope, id);
    const { definition } = props;
    this.definition = definition;
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An explicit role instead of the default one: the default attaches the AWS managed
    // AWSLambdaBasicExecutionRole, which may write to every log group in the account.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Audition Me ${definition.name}: only what src/manifest.ts lists`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      description: `Audition Me ${definition.name}`,
      entry: resolve(repoRoot, definition.entry),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: resolve(repoRoot, 'package-lock.json'),
      runtime: FUNCTION_RUNTIME,
      architecture: FUNCTION_ARCHITECTURE,
      timeout: Duration.seconds(definition.timeoutSeconds),
      memorySize: definition.memoryMb,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...props.environment },
      bundling: { ...FUNCTION_BUNDLING, externalModules: externalModulesOf(definition) },
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is a deliberate choice (an LTS line Lambda supports into 2027, and the esbuild target); cdk-nag ' +
        'flags anything older than the newest runtime. Moving to Node.js 24 is the one constant FUNCTION_RUNTIME.',
    });
  }

  /** `me-get` → `MeGet`: the construct id for this function's definition. */
  static idFor(definition: FunctionDefinition): string {
    return pascal(definition.name);
  }
}
