import { randomUUID } from 'node:crypto';
import { createPerformance } from '../adapters/dynamodb/performance-store';
import { buildPerformance } from '../domain/performance';
import { callerProfile, tableName } from './context';
import { protectedRoute } from './http/handler';
import { performanceView } from './views';

const shortId = () => randomUUID().replace(/-/g, '').slice(0, 12);

export const handler = protectedRoute('performance-create', async ({ body, receivedAt }, caller) => {
  const performance = buildPerformance(body, {
    performanceId: shortId(),
    ownerId: caller.userId,
    now: receivedAt,
    newId: shortId,
  });
  await createPerformance(tableName(), performance);
  const reader = await callerProfile(caller);
  return {
    status: 201,
    headers: { location: `/performances/${performance.performanceId}` },
    body: performanceView({ performance, slotTaken: new Map(), characterCast: new Map() }, reader.timeZone),
  };
});
