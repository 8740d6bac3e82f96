import { Logger } from '@aws-lambda-powertools/logger';

/** The one structured logger of every function (its own module, so non-HTTP functions do not bundle the API's schemas). */
export const logger = new Logger({ serviceName: 'audition-me' });
