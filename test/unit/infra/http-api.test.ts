import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { RouteThrottle } from '../../../src/manifest';
import { functions } from '../../../src/manifest';
import type { Resource } from './synthesized';
import { synthesize } from './synthesized';

const main = synthesize();
const { ofType, fnId, props, onlyId } = main;
const authorizerId = onlyId('AWS::ApiGatewayV2::Authorizer');
const httpFunctions = functions.flatMap((f) => (f.trigger.kind === 'http' ? [{ ...f, route: f.trigger.route }] : []));
const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

describe('the HTTP API', () => {
  const routes = ofType('AWS::ApiGatewayV2::Route').map(
    ([, r]) =>
      r.Properties as {
        RouteKey: string;
        AuthorizationType?: string;
        AuthorizerId?: unknown;
        Target: { 'Fn::Join': [string, unknown[]] };
      },
  );
  const routeFor = (key: string) => routes.find((r) => r.RouteKey === key);

  it('has exactly one route per manifest HTTP function', () => {
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(httpFunctions.map((f) => routeKey(f.route)).sort());
  });

  it('puts the authorizer on every non-public route and none on public ones', () => {
    for (const f of httpFunctions) {
      const route = routeFor(routeKey(f.route));
      if (f.route.access === 'public') {
        expect(route?.AuthorizationType ?? 'NONE', f.name).toBe('NONE');
        expect(route?.AuthorizerId, f.name).toBeUndefined();
      } else {
        expect(route?.AuthorizationType, f.name).toBe('CUSTOM');
        expect(route?.AuthorizerId, f.name).toEqual({ Ref: authorizerId });
      }
    }
  });

  it('sends each route to its own function', () => {
    for (const f of httpFunctions) {
      const integrationId = JSON.stringify(routeFor(routeKey(f.route))?.Target).match(/"Ref":"([^"]+)"/)?.[1] ?? '';
      expect(props<{ IntegrationUri: unknown }>(integrationId).IntegrationUri, f.name).toEqual({
        'Fn::GetAtt': [fnId(f.name), 'Arn'],
      });
    }
  });

  it('uses the manifest authorizer with simple responses, the Authorization header and a cache', () => {
    const authorizer = functions.find((f) => f.trigger.kind === 'authorizer')!;
    main.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      EnableSimpleResponses: true,
      AuthorizerPayloadFormatVersion: '2.0',
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerResultTtlInSeconds: 300,
    });
    expect(JSON.stringify(props(authorizerId))).toContain(fnId(authorizer.name));
  });

  it('throttles and logs the $default stage, and allows the web UI origin', () => {
    main.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 25, ThrottlingBurstLimit: 50 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } },
    });
    const distributionId = onlyId('AWS::CloudFront::Distribution');
    const cors = props<{ CorsConfiguration: { AllowOrigins: unknown[] } }>(
      onlyId('AWS::ApiGatewayV2::Api'),
    ).CorsConfiguration;
    expect(JSON.stringify(cors.AllowOrigins)).toContain(distributionId);
  });

  it('gives each route the manifest throttles its own route settings, after the route exists', () => {
    const [[stageId, stage]] = ofType('AWS::ApiGatewayV2::Stage') as [[string, Resource]];
    const throttled = httpFunctions.filter((f) => 'throttle' in f.route && f.route.throttle);
    expect(throttled.map((f) => f.name).sort()).toEqual(['auth-confirm', 'auth-login', 'auth-refresh', 'auth-signup']);
    const settings = stage.Properties.RouteSettings as Record<string, unknown>;
    expect(Object.keys(settings).sort()).toEqual(throttled.map((f) => routeKey(f.route)).sort());
    for (const f of throttled) {
      const { rateLimit, burstLimit } = f.route.throttle as RouteThrottle;
      expect(settings[routeKey(f.route)], f.name).toEqual({
        ThrottlingRateLimit: rateLimit,
        ThrottlingBurstLimit: burstLimit,
      });
    }
    // A route setting names a route key CloudFormation must have created first.
    const dependsOn = (main.template.toJSON() as { Resources: Record<string, { DependsOn?: string[] }> }).Resources[
      stageId
    ]?.DependsOn;
    const routeIds = ofType('AWS::ApiGatewayV2::Route')
      .filter(([, r]) => throttled.some((f) => routeKey(f.route) === (r.Properties as { RouteKey: string }).RouteKey))
      .map(([id]) => id);
    expect(dependsOn).toEqual(expect.arrayContaining(routeIds));
  });
});
