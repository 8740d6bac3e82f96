import { protectedRoute } from './http/handler';
import { performances } from './stores';
import { performanceView } from './views';
import { performanceParams } from '../schemas/params';

export const handler = protectedRoute(
  'performance-get',
  { params: performanceParams },
  { performances },
  async ({ params, stores, readerTimeZone }) => {
    const [state, zone] = await Promise.all([stores.performances.read(params.performanceId), readerTimeZone()]);
    return { body: performanceView(state, zone) };
  },
);
