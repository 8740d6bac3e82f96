import { config } from '../config';
import { dynamoProfileStore } from '../adapters/dynamodb/profile-store';
import { NotFoundError } from '../domain/errors';
import { protectedRoute } from './http/handler';

export const handler = protectedRoute('me-get', {}, async (_request, caller) => {
  const profile = await dynamoProfileStore(config().tableName).get(caller.userId);
  if (!profile) throw new NotFoundError('No profile exists for this account.');
  return { body: profile };
});
