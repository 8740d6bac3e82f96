import { protectedRoute } from './http/handler';
import { performances, signUps } from './stores';
import { signUpView } from './views';
import { performanceParams } from '../schemas/params';

/** The sign-ups of a performance per slot, with each performer's contact details and access needs (owners only). */
export const handler = protectedRoute(
  'signups-list',
  { params: performanceParams },
  { performances, signUps },
  async ({ params, stores, readerTimeZone }, caller) => {
    const [{ performance }, records, zone] = await Promise.all([
      stores.performances.readOwned(params.performanceId, caller.userId),
      stores.signUps.listOfPerformance(params.performanceId),
      readerTimeZone(),
    ]);
    const view = (r: (typeof records)[number]) => ({
      ...signUpView(r, zone, { castingClosed: performance.castingClosed }),
      performer: r.performer,
    });
    return {
      body: {
        slots: performance.slots.map((slot) => ({
          slotId: slot.slotId,
          start: slot.start,
          capacity: slot.capacity,
          signUps: records.filter((r) => r.slotId === slot.slotId).map(view),
        })),
      },
    };
  },
);
