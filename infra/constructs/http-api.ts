import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HttpRoute } from '../../src/manifest';
import { cors } from '../../src/manifest';
import { pascal } from '../names';
import { LOG_RETENTION } from './manifest-function';

/** Steady-state and burst limits of the stage: a runaway client hits 429s long before the bill notices. */
export const THROTTLE = { rateLimit: 25, burstLimit: 50 } as const;
/** How long API Gateway reuses an authorizer answer for the same Authorization header. */
export const AUTHORIZER_CACHE = Duration.minutes(5);

/**
 * One JSON line per request, from variables HTTP APIs support (the REST-API `jsonWithStandardFields` preset uses
 * some they do not). Authorizer and integration errors are the lines worth searching for.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};

export interface RouteTarget {
  readonly name: string;
  readonly route: HttpRoute;
  readonly fn: IFunction;
}

export interface ManifestHttpApiProps {
  readonly routes: readonly RouteTarget[];
  /** The Lambda REQUEST authorizer; required when any route is not public. */
  readonly authorizer: IFunction | undefined;
  readonly corsOrigins: readonly string[];
}

/**
 * The HTTP API: one route per manifest HTTP function, the Lambda authorizer on every route that is not public,
 * a throttled `$default` stage with access logs, and CORS for the web UI.
 */
export class ManifestHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: ManifestHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'Audition Me API',
      // The default stage is created below, with throttling and access logs the shortcut cannot set.
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...props.corsOrigins],
        allowMethods: cors.allowMethods.map((method) => CorsHttpMethod[method]),
        allowHeaders: [...cors.allowHeaders],
        exposeHeaders: [...cors.exposeHeaders],
        maxAge: Duration.seconds(cors.maxAgeSeconds),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const authorizer = props.authorizer
      ? new HttpLambdaAuthorizer('Authorizer', props.authorizer, {
          authorizerName: 'cognito-id-token',
          responseTypes: [HttpLambdaResponseType.SIMPLE],
          // No Authorization header: API Gateway answers 401 itself without invoking the authorizer.
          identitySource: ['$request.header.Authorization'],
          resultsCacheTtl: AUTHORIZER_CACHE,
        })
      : undefined;

    // The manifest's own throttle of a route (the auth routes), below the stage's default.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const { name, route, fn } of props.routes) {
      const isPublic = route.access === 'public';
      if (!isPublic && !authorizer) {
        throw new Error(`Route ${route.method} ${route.path} (${name}) needs the authorizer, but none is defined`);
      }
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${pascal(name)}Integration`, fn),
        ...(isPublic ? {} : { authorizer }),
      });
      if (route.throttle && created) {
        // The stage's route settings name the route by its key, which must exist before the stage refers to it.
        routeSettings[`${route.method} ${route.path}`] = {
          ThrottlingRateLimit: route.throttle.rateLimit,
          ThrottlingBurstLimit: route.throttle.burstLimit,
        };
        this.stage.node.addDependency(created);
      }
      if (isPublic && created) {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            `${route.method} ${route.path} has access 'public' in src/manifest.ts: it serves callers who have no ` +
            'token yet (sign-up, confirmation, log-in, the API description). Handlers validate their input and ' +
            'the stage throttle limits abuse.',
        });
      }
    }
    if (Object.keys(routeSettings).length > 0) {
      (this.stage.node.defaultChild as CfnStage).routeSettings = routeSettings;
    }
  }

  /** The invoke URL of the `$default` stage, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }
}
