import { readOwnedPerformance } from '../adapters/dynamodb/performance-store';
import { readSignUp } from '../adapters/dynamodb/signup-store';
import { NotFoundError } from '../domain/errors';
import { profiles, tableName } from './context';
import { protectedRoute } from './http/handler';

/** A performer's profile, for the owners of a performance the performer signed up to; nobody else. */
export const handler = protectedRoute('performer-profile-get', async ({ params }, caller) => {
  const table = tableName();
  await readOwnedPerformance(table, params.performanceId, caller.userId);
  await readSignUp(table, params.performanceId, params.performerId);
  const profile = await profiles().get(params.performerId);
  if (!profile) throw new NotFoundError('No such performer.');
  return { body: profile };
});
