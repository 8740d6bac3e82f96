import { readSignUp, recordWithdrawal } from '../adapters/dynamodb/signup-store';
import { NotSignedUpError } from '../domain/errors';
import { withStatus } from '../domain/signup';
import { nextInvite } from '../domain/calendar';
import { reminderChangeSteps } from '../adapters/dynamodb/reminder-store';
import { tableName } from './context';
import { protectedRoute } from './http/handler';
import { signUpView } from './views';

export const handler = protectedRoute('signup-withdraw', async ({ params, receivedAt }, caller) => {
  const table = tableName();
  const record = await readSignUp(table, params.performanceId, caller.userId).catch(() => {
    throw new NotSignedUpError('You have no sign-up for this performance.');
  });
  if (record.status !== 'signed-up')
    throw new NotSignedUpError(`Your sign-up is ${record.status}; there is nothing to withdraw.`);
  const updated = { ...record, ...withStatus(record, 'withdrawn', receivedAt), invite: nextInvite(record, receivedAt) };
  await recordWithdrawal(
    table,
    updated,
    {
      kind: 'withdrawal',
      performance: record.performance,
      slot: record.slot,
      signUpId: record.signUpId,
      characters: record.characterNames,
      invite: updated.invite,
      to: { name: record.performer.name, email: record.performer.email, timeZone: record.performer.timeZone },
    },
    receivedAt,
    reminderChangeSteps(table, record, updated),
  );
  return { body: signUpView(updated, record.performer.timeZone) };
});
