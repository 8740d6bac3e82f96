import { markCastingClosed, readOwnedPerformance } from '../adapters/dynamodb/performance-store';
import { tableName } from './context';
import { protectedRoute } from './http/handler';

/** Closes casting (owners only); the table stream gives every open sign-up its final "not cast" and tells them. */
export const handler = protectedRoute('casting-close', async ({ params, receivedAt }, caller) => {
  const table = tableName();
  await readOwnedPerformance(table, params.performanceId, caller.userId);
  await markCastingClosed(table, params.performanceId, caller.userId, receivedAt);
  return { status: 202, body: { castingClosed: true } };
});
