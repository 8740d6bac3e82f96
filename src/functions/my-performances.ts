import { listOwnedPerformances } from '../adapters/dynamodb/performance-store';
import { callerProfile, tableName } from './context';
import { protectedRoute } from './http/handler';
import { performanceView } from './views';

export const handler = protectedRoute('my-performances', async (_request, caller) => {
  const [performances, reader] = await Promise.all([
    listOwnedPerformances(tableName(), caller.userId),
    callerProfile(caller),
  ]);
  return {
    body: {
      performances: performances.map((performance) =>
        performanceView({ performance, slotTaken: new Map(), characterCast: new Map() }, reader.timeZone),
      ),
    },
  };
});
