import { signUpCalendar } from '../domain/sign-up-calendar';
import { existingSignUp } from '../domain/signup';
import { protectedRoute } from './http/handler';
import { signUps } from './stores';
import { performanceParams } from '../schemas/params';

/** The .ics of one of my auditions: see `signUpCalendar`. */
export const handler = protectedRoute(
  'signup-calendar',
  { params: performanceParams },
  { signUps },
  async ({ params, receivedAt, stores }, caller) => {
    const record = existingSignUp(await stores.signUps.find(params.performanceId, caller.userId));
    const attachment = signUpCalendar(record, receivedAt);
    return {
      text: attachment.content,
      headers: {
        'content-type': attachment.contentType,
        'content-disposition': `attachment; filename="audition-${record.performanceId}.ics"`,
      },
    };
  },
);
