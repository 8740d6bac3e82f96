import { castingLimits, editPerformance, removesSlotsOrCharacters } from '../domain/performance';
import { keptSlots } from '../domain/snapshots';
import { protectedRoute } from './http/handler';
import { performances, signUps } from './stores';
import { shortId } from './ids';
import { performanceView } from './views';
import { performanceParams } from '../schemas/params';
import { performanceUpdate } from '../schemas/performance';

/**
 * Replaces a performance (owners only). Removed and moved slots are followed up by the table stream, which
 * cancels or updates the affected sign-ups and notifies their performers.
 */
export const handler = protectedRoute(
  'performance-update',
  { params: performanceParams, body: performanceUpdate },
  { performances, signUps },
  async ({ params, body, receivedAt: now, stores, readerTimeZone }, caller) => {
    const state = await stores.performances.readOwned(params.performanceId, caller.userId);
    // Only removing a slot or a character is decided on the sign-ups: read them then, strongly consistent, so a
    // sign-up or casting written a moment before is seen (castings are checked again as the edit is written).
    const signUps = removesSlotsOrCharacters(state.performance, body)
      ? await stores.signUps.listOfPerformance(params.performanceId, { consistent: true })
      : [];
    const after = editPerformance(state, body, signUps, { now, newId: shortId });
    const before = state.performance;
    await stores.performances.replace(after, keptSlots(before, after), castingLimits(before, after));
    return { body: performanceView({ ...state, performance: after }, await readerTimeZone()) };
  },
);
