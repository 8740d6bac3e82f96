import { markCastingClosed, readOwnedPerformance } from '../adapters/dynamodb/performance-store';
import { tableName } from './context';
import { protectedRoute } from './http/handler';

/**
 * Closes casting (owners only); the table stream then gives every open sign-up its final status and tells them:
 * "not cast" if their audition had begun, cancelled (with a calendar CANCEL) if it was still ahead.
 */
export const handler = protectedRoute('casting-close', async ({ params, receivedAt }, caller) => {
  const table = tableName();
  await readOwnedPerformance(table, params.performanceId, caller.userId);
  await markCastingClosed(table, params.performanceId, caller.userId, receivedAt);
  return { status: 202, body: { castingClosed: true } };
});
