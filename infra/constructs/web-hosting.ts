import { existsSync } from 'node:fs';
import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  CachePolicy,
  Distribution,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LOG_RETENTION } from './manifest-function';

export interface WebHostingProps {
  /** Absolute path of the built web UI (`web/dist`). */
  readonly webDist: string;
}

/**
 * The web UI: a private S3 bucket that only CloudFront may read (Origin Access Control), served over HTTPS with
 * a single-page-app fallback to index.html.
 */
export class WebHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  private readonly webDist: string;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    this.webDist = props.webDist;
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Only build output lives here; it is rebuilt from source, so it goes with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Audition Me web UI',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
      },
      // The client-side router owns every other path: S3 answers 403 for a missing key behind OAC.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.minutes(5),
      })),
      // North America and Europe edges only: the cheapest class; the always-free tier applies to all of them.
      priceClass: PriceClass.PRICE_CLASS_100,
      httpVersion: HttpVersion.HTTP2_AND_3,
      // No minimumProtocolVersion: CloudFront ignores it with the default *.cloudfront.net certificate.
    });

    const acknowledge = (construct: Construct, id: string, reason: string) =>
      Validations.of(construct).acknowledge({ id, reason });
    acknowledge(
      this.bucket,
      'AwsSolutions-S1',
      'Server access logs would need a second bucket and cost storage; the bucket holds only the public build ' +
        'of the web UI and is readable by CloudFront alone.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR3',
      'CloudFront standard logs are billed as S3 storage (and need an ACL-enabled log bucket); the distribution ' +
        'serves only static public assets. CloudFront metrics are on by default.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'Performers and directors may be anywhere; nothing about the UI is restricted by country.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'AWS WAF costs USD 5 a month per web ACL plus per rule and request, outside the free tier; the distribution ' +
        'serves static files only, and the API has its own throttling.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'The distribution uses the default *.cloudfront.net certificate, whose viewer TLS policy CloudFront fixes ' +
        '(browsers negotiate TLS 1.2+ anyway). A custom domain needs an ACM certificate, and then ' +
        'minimumProtocolVersion TLS_V1_2_2021 should be set.',
    );
  }

  /**
   * Uploads the built UI plus `/config.json` (so one build works for every stage) and invalidates the cache.
   * Only when the build exists at synth time: web/dist comes from the web UI's own build, which may not have
   * run; the bucket and distribution exist regardless, and a deploy after building uploads the UI.
   * @returns whether the content is part of this deployment.
   */
  deployContent(runtimeConfig: Readonly<Record<string, string>>): boolean {
    if (!existsSync(this.webDist)) return false;
    const deployment = new BucketDeployment(this, 'Content', {
      sources: [Source.asset(this.webDist), Source.jsonData('config.json', runtimeConfig)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
      logGroup: new LogGroup(this, 'ContentDeploymentLogs', {
        retention: LOG_RETENTION,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    this.acknowledgeDeploymentHandler(deployment);
    return true;
  }

  /** BucketDeployment's handler is CDK's own singleton function (Python, with the AWS CLI layer), not ours. */
  private acknowledgeDeploymentHandler(deployment: BucketDeployment): void {
    const handler = deployment.handlerRole.node.scope;
    if (!handler) return;
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    const why =
      "CDK's BucketDeployment handler, configured by CDK and run only during deployments to copy the built UI " +
      'into this bucket and invalidate the distribution';
    const acknowledge = (id: string, reason: string) => Validations.of(handler).acknowledge({ id, reason });
    acknowledge('AwsSolutions-L1', `${why}; CDK picks and updates its runtime.`);
    acknowledge(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      `${why}; CDK attaches the basic execution policy for its logs.`,
    );
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']) {
      acknowledge(`AwsSolutions-IAM5[Action::${action}]`, `${why}; CDK's grants on the two buckets involved.`);
    }
    acknowledge(
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
      `${why}; reads the uploaded asset from the CDK bootstrap bucket.`,
    );
    acknowledge(`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`, `${why}; writes the objects of this bucket.`);
    acknowledge(
      'AwsSolutions-IAM5[Resource::*]',
      `${why}; cloudfront:CreateInvalidation/GetInvalidation are granted on * by CDK.`,
    );
  }
}
