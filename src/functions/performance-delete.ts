import { markDeleted, readOwnedPerformance } from '../adapters/dynamodb/performance-store';
import { searchIndexSteps } from '../adapters/dynamodb/search-index';
import { searchFacets } from '../domain/search-terms';
import { tableName } from './context';
import { protectedRoute } from './http/handler';

/**
 * Deletes a performance (owners only): it leaves search in the same transaction; the table stream then cancels
 * every sign-up, tells each performer and drops their reminders.
 */
export const handler = protectedRoute('performance-delete', async ({ params, receivedAt }, caller) => {
  const table = tableName();
  const { performance } = await readOwnedPerformance(table, params.performanceId, caller.userId);
  await markDeleted(
    table,
    performance,
    searchIndexSteps(table, performance.performanceId, searchFacets(performance), undefined),
    receivedAt,
  );
  return { status: 204 };
});
