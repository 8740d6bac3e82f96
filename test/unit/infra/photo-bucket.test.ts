import { describe, expect, it } from 'vitest';
import { synthesize } from './synthesized';

interface BucketProps {
  PublicAccessBlockConfiguration: Record<string, boolean>;
  BucketEncryption: {
    ServerSideEncryptionConfiguration: { ServerSideEncryptionByDefault: { SSEAlgorithm: string } }[];
  };
  CorsConfiguration: { CorsRules: { AllowedOrigins: unknown[]; AllowedMethods: string[] }[] };
  LifecycleConfiguration: {
    Rules: { Id: string; Prefix?: string; ExpirationInDays?: number; AbortIncompleteMultipartUpload?: unknown }[];
  };
}

describe('the photo bucket', () => {
  const { resources, props, ofType } = synthesize();
  const bucketId = Object.keys(resources).find(
    (id) => id.startsWith('Photos') && resources[id]?.Type === 'AWS::S3::Bucket',
  );
  const bucket = props<BucketProps>(bucketId ?? '');

  it('is private and encrypted with S3-managed keys', () => {
    expect(bucketId).toBeDefined();
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0]?.ServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: 'AES256',
    });
  });

  it('refuses every request that is not over TLS', () => {
    const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) =>
      JSON.stringify(p.Properties.Bucket).includes(bucketId ?? '?'),
    );
    expect(JSON.stringify(policy?.[1].Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    // No statement of any bucket policy lets anyone in: only the TLS denial (and CDK's auto-delete role) are there.
    expect(JSON.stringify(policy?.[1].Properties.PolicyDocument)).not.toContain('"Principal":"*","Effect":"Allow"');
  });

  it('lets browsers POST only from the web UI’s origin', () => {
    const [rule] = bucket.CorsConfiguration.CorsRules;
    expect(rule?.AllowedMethods.sort()).toEqual(['GET', 'POST']);
    expect(rule?.AllowedOrigins).toHaveLength(1);
    expect(JSON.stringify(rule?.AllowedOrigins)).toContain('DomainName');
    expect(JSON.stringify(rule?.AllowedOrigins)).not.toContain('"*"');
  });

  it('expires abandoned uploads and incomplete multipart uploads after a day, never a confirmed photo', () => {
    const rules = bucket.LifecycleConfiguration.Rules;
    expect(rules.find((r) => r.Prefix === 'uploads/')?.ExpirationInDays).toBe(1);
    expect(rules.some((r) => r.AbortIncompleteMultipartUpload !== undefined)).toBe(true);
    expect(rules.filter((r) => r.ExpirationInDays !== undefined).map((r) => r.Prefix)).toEqual(['uploads/']);
  });

  it('is named in every function’s environment', () => {
    const envs = ofType('AWS::Lambda::Function')
      .map(([, f]) => (f.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables)
      .filter((v) => v?.TABLE_NAME);
    expect(envs.length).toBeGreaterThan(0);
    for (const env of envs) expect(env?.PHOTO_BUCKET).toEqual({ Ref: bucketId });
  });
});
