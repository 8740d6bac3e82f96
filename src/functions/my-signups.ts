import { protectedRoute } from './http/handler';
import { signUps } from './stores';
import { signUpView } from './views';

export const handler = protectedRoute('my-signups', {}, { signUps }, async ({ stores, readerTimeZone }, caller) => {
  const [records, zone] = await Promise.all([stores.signUps.listOfPerformer(caller.userId), readerTimeZone()]);
  return { body: { signUps: records.map((r) => signUpView(r, zone)) } };
});
