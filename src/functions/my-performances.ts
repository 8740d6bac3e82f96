import { listOwnedPerformances, readPerformance } from '../adapters/dynamodb/performance-store';
import { callerProfile, tableName } from './context';
import { protectedRoute } from './http/handler';
import { performanceView } from './views';

/** The caller's performances, newest first, each with its live counts of places taken and performers cast. */
export const handler = protectedRoute('my-performances', async (_request, caller) => {
  const table = tableName();
  const [performances, reader] = await Promise.all([
    listOwnedPerformances(table, caller.userId),
    callerProfile(caller),
  ]);
  // One Query per performance reads its counts; a director's list is short, and each read is a few units.
  const states = await Promise.all(performances.map((p) => readPerformance(table, p.performanceId)));
  return { body: { performances: states.map((state) => performanceView(state, reader.timeZone)) } };
});
