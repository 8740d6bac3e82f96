import type { Performance } from '../../domain/performance';
import { searchFacets } from '../../domain/search-terms';
import { searchIndexSteps, searchSummary } from './search-index';
import { maxTransactionItems, transact } from './transactions';

/**
 * Makes the search index match a performance after any change (or removes it once the performance is deleted).
 * Safe to repeat: entries are put and deleted by key. (What a change means for the performance's sign-ups is
 * decided in `src/domain/follow-ups.ts`.)
 */
export async function syncSearchIndex(
  tableName: string,
  before: Performance | undefined,
  after: Performance | undefined,
  now: Date,
): Promise<void> {
  const steps = searchIndexSteps(
    tableName,
    (after ?? before)?.performanceId ?? '',
    before ? searchFacets(before) : [],
    after ? searchSummary(after, now) : undefined,
  );
  for (let i = 0; i < steps.length; i += maxTransactionItems) await transact(steps.slice(i, i + maxTransactionItems));
}
