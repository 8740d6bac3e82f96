import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { maxPhotoBytes, photoPrefixes } from '../../src/domain/photos';

export interface PhotoBucketProps {
  /** The web UI's origins: the only ones a browser may POST an upload from. */
  readonly corsOrigins: readonly string[];
  /** Keep the photos when the stack is deleted (the table's setting: they are the performers' data). */
  readonly retain: boolean;
}

/**
 * Performers' photos: a private bucket (all public access blocked, SSE-S3, TLS only). Browsers upload to
 * `uploads/` with presigned POSTs (CORS allows the web UI's origins to POST and read); the API copies a confirmed
 * upload to `photos/` and shows it through presigned GET URLs. A lifecycle rule expires uploads nobody confirmed
 * after a day, and incomplete multipart uploads (the SDK's, never the browser's) likewise.
 */
export class PhotoBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: PhotoBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !props.retain,
      cors: [
        {
          allowedOrigins: [...props.corsOrigins],
          allowedMethods: [HttpMethods.POST, HttpMethods.GET],
          allowedHeaders: ['*'],
          exposedHeaders: ['etag', 'location'],
          maxAge: 600,
        },
      ],
      lifecycleRules: [
        { id: 'abandoned-uploads', prefix: photoPrefixes.upload, expiration: Duration.days(1) },
        { id: 'incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Server access logs would need a second bucket and cost storage; every object is written through a ' +
        `presigned POST the API signed (one key, an image type, at most ${maxPhotoBytes} bytes) or by the API, ` +
        'and read only through URLs it signs.',
    });
  }
}
