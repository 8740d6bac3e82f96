import { buildPerformance } from '../domain/performance';
import { protectedRoute } from './http/handler';
import { performances } from './stores';
import { shortId } from './ids';
import { performanceView } from './views';
import { performanceInput } from '../schemas/performance';

export const handler = protectedRoute(
  'performance-create',
  { body: performanceInput },
  { performances },
  async ({ body, receivedAt, stores, readerTimeZone }, caller) => {
    const performance = buildPerformance(body, {
      performanceId: shortId(),
      ownerId: caller.userId,
      now: receivedAt,
      newId: shortId,
    });
    // The reader's zone is read before the write, so a busy (503) answer always means nothing was written.
    const timeZone = await readerTimeZone();
    await stores.performances.create(performance);
    return {
      status: 201,
      headers: { location: `/performances/${performance.performanceId}` },
      body: performanceView({ performance, slotTaken: new Map(), characterCast: new Map() }, timeZone),
    };
  },
);
