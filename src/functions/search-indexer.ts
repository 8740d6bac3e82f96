import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { directoryProfilesOf } from '../adapters/dynamodb/directory-index';
import { decodeStreamRecord, performancesOf } from '../adapters/dynamodb/stream-records';
import type { StoredPerformance } from '../domain/follow-ups';
import { searchSummary } from '../domain/search-summary';
import { logger } from './logger';
import { directory, search, storesOf } from './stores';

const stores = storesOf({ directory, search });

const live = (p: StoredPerformance | undefined) => (p && !p.deletedAt ? p : undefined);

/**
 * The search index's stream consumer (its event source delivers only performance and profile changes): each
 * performance change writes the entries it alters (none for an edit search does not show), or takes out what is
 * left once it is deleted; each profile change does the same for the talent directory's entries (a performer who
 * unlists has them all removed). It is a consumer of its own, so a search entry that cannot be
 * written holds back no email: table-stream relays and follows up independently. A failure fails the batch, which
 * is delivered again; writing the entries is safe to repeat.
 */
export async function handler(event: DynamoDBStreamEvent, context: Context): Promise<void> {
  logger.addContext(context);
  const { search, directory } = stores();
  for (const record of event.Records) {
    const change = decodeStreamRecord(record);
    if (change.type === 'Profile') {
      const { before, after } = directoryProfilesOf(change);
      await directory.sync(before, after);
    }
    if (change.type !== 'Performance') continue;
    const { before, after } = performancesOf(change);
    const [was, is] = [live(before), live(after)];
    const performanceId = (is ?? was)?.performanceId;
    const summary = (p: StoredPerformance | undefined) => p && searchSummary(p, change.at);
    if (performanceId) await search.sync(performanceId, summary(was), summary(is));
  }
}
