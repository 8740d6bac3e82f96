/**
 * Deployment configuration, read from the environment once per cold start.
 * The CDK stack sets these variables on each function; the local runtime sets them for the local stack.
 */
export interface Config {
  readonly tableName: string;
  readonly emailQueueUrl: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  readonly senderEmail: string;
  /** The web app's base URL (the CloudFront URL; locally the web server's), for the links in emails. */
  readonly webBaseUrl: string;
}

let cached: Config | undefined;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

/** The configuration of this function; throws naming the first missing variable. */
export function config(): Config {
  cached ??= {
    tableName: required('TABLE_NAME'),
    emailQueueUrl: required('EMAIL_QUEUE_URL'),
    userPoolId: required('USER_POOL_ID'),
    userPoolClientId: required('USER_POOL_CLIENT_ID'),
    senderEmail: required('SENDER_EMAIL'),
    webBaseUrl: required('WEB_BASE_URL'),
  };
  return cached;
}

/**
 * The key that signs search cursors (SEARCH_CURSOR_KEY, at least 32 characters). It lives in the deployment's
 * configuration, never in the repository; changing it only makes earlier cursors answer 400 invalid-cursor.
 */
export function searchCursorKey(): string {
  const key = required('SEARCH_CURSOR_KEY');
  if (key.length < 32) throw new Error('SEARCH_CURSOR_KEY must have at least 32 characters');
  return key;
}

/**
 * SES's maximum send rate for this account, emails a second (SES_MAX_SEND_RATE; 1, the sandbox's, when unset; 14 for
 * a new production account). Read at each call, so the local runtime can change it between invocations.
 */
export function sesMaxSendRate(): number {
  const text = process.env.SES_MAX_SEND_RATE;
  if (text === undefined || text === '') return 1;
  const rate = Number(text);
  if (!Number.isFinite(rate) || rate <= 0) throw new Error('SES_MAX_SEND_RATE must be a positive number');
  return rate;
}

/** The private bucket of performers' photos (PHOTO_BUCKET): only the functions that sign or move photos read it. */
export function photoBucket(): string {
  return required('PHOTO_BUCKET');
}
