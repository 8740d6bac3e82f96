import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { directoryProfileOf } from '../adapters/dynamodb/directory-index';
import { decodeStreamRecord } from '../adapters/dynamodb/stream-records';
import { logger } from './logger';
import { stores } from './stores';

/**
 * The talent directory's stream consumer (its event source delivers only profile changes): each change writes the
 * directory entries it alters (none for a change the directory does not show), and a performer who unlists or
 * whose profile goes has every entry removed. A failure fails the batch, which is delivered again; the writes are
 * safe to repeat. Searches never rely on it being caught up for privacy: they check `listed` as they read.
 */
export async function handler(event: DynamoDBStreamEvent, context: Context): Promise<void> {
  logger.addContext(context);
  const { directory } = stores();
  for (const record of event.Records) {
    const change = decodeStreamRecord(record);
    if (change.type !== 'Profile') continue;
    await directory.sync(
      change.oldItem && directoryProfileOf(change.oldItem),
      change.newItem && directoryProfileOf(change.newItem),
    );
  }
}
