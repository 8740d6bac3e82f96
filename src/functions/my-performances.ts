import { protectedRoute } from './http/handler';
import { performances } from './stores';
import { performanceView } from './views';

/** The caller's performances, newest first, each with its live counts of places taken and performers cast. */
export const handler = protectedRoute(
  'my-performances',
  {},
  { performances },
  async ({ stores, readerTimeZone }, caller) => {
    const [performances, zone] = await Promise.all([stores.performances.listOwned(caller.userId), readerTimeZone()]);
    // One Query per performance reads its counts; a director's list is short, and each read is a few units.
    const states = await Promise.all(performances.map((p) => stores.performances.read(p.performanceId)));
    return { body: { performances: states.map((state) => performanceView(state, zone)) } };
  },
);
