import { readSignUp } from '../adapters/dynamodb/signup-store';
import { signUpCalendar } from '../domain/sign-up-calendar';
import { tableName } from './context';
import { protectedRoute } from './http/handler';

/** The .ics of one of my auditions: see `signUpCalendar`. */
export const handler = protectedRoute('signup-calendar', async ({ params, receivedAt }, caller) => {
  const record = await readSignUp(tableName(), params.performanceId, caller.userId);
  const attachment = signUpCalendar(record, receivedAt);
  return {
    text: attachment.content,
    headers: {
      'content-type': attachment.contentType,
      'content-disposition': `attachment; filename="audition-${record.performanceId}.ics"`,
    },
  };
});
