import { readOwnedPerformance } from '../adapters/dynamodb/performance-store';
import { listSignUpsOfPerformance } from '../adapters/dynamodb/signup-store';
import { callerProfile, tableName } from './context';
import { protectedRoute } from './http/handler';
import { signUpView } from './views';

/** The sign-ups of a performance per slot, with each performer's contact details and access needs (owners only). */
export const handler = protectedRoute('signups-list', async ({ params }, caller) => {
  const table = tableName();
  const [{ performance }, records, reader] = await Promise.all([
    readOwnedPerformance(table, params.performanceId, caller.userId),
    listSignUpsOfPerformance(table, params.performanceId),
    callerProfile(caller),
  ]);
  const view = (r: (typeof records)[number]) => ({
    ...signUpView(r, reader.timeZone, { castingClosed: performance.castingClosed }),
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
});
