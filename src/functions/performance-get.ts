import { readPerformance } from '../adapters/dynamodb/performance-store';
import { callerProfile, tableName } from './context';
import { protectedRoute } from './http/handler';
import { performanceView } from './views';

export const handler = protectedRoute('performance-get', async ({ params }, caller) => {
  const [state, reader] = await Promise.all([
    readPerformance(tableName(), params.performanceId),
    callerProfile(caller),
  ]);
  return { body: performanceView(state, reader.timeZone) };
});
