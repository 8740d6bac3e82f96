import { listSignUpsOfPerformer } from '../adapters/dynamodb/signup-store';
import { callerProfile, tableName } from './context';
import { protectedRoute } from './http/handler';
import { signUpView } from './views';

export const handler = protectedRoute('my-signups', async (_request, caller) => {
  const [records, me] = await Promise.all([listSignUpsOfPerformer(tableName(), caller.userId), callerProfile(caller)]);
  return { body: { signUps: records.map((r) => signUpView(r, me.timeZone)) } };
});
