import { readPerformance } from '../adapters/dynamodb/performance-store';
import { aboutSignUp, performerReader, readSignUp, recordWithdrawal } from '../adapters/dynamodb/signup-store';
import type { SignUpRecord } from '../adapters/dynamodb/signup-store';
import { NotFoundError, NotSignedUpError } from '../domain/errors';
import type { Recipient } from '../domain/notifications';
import { castingTeam } from '../domain/snapshots';
import { withStatus } from '../domain/signup';
import { nextInvite } from '../domain/calendar';
import { reminderChangeSteps } from '../adapters/dynamodb/reminder-store';
import { outboxStep } from '../adapters/dynamodb/outbox';
import { profiles, tableName } from './context';
import { protectedRoute } from './http/handler';
import { signUpView } from './views';

/** Who is told of a withdrawal besides the performer: the director and casting director, in the owner's zone. */
async function readersOfWithdrawal(table: string, record: SignUpRecord): Promise<Recipient[]> {
  try {
    const { performance } = await readPerformance(table, record.performanceId);
    const owner = await profiles().get(performance.ownerId);
    return castingTeam(performance, owner?.timeZone);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    // The performance is being deleted: the director named on the sign-up is still told.
    return [{ ...record.performance.director, timeZone: record.performance.venue.timeZone }];
  }
}

export const handler = protectedRoute('signup-withdraw', async ({ params, receivedAt }, caller) => {
  const table = tableName();
  const record = await readSignUp(table, params.performanceId, caller.userId).catch(() => {
    throw new NotSignedUpError('You have no sign-up for this performance.');
  });
  if (record.status !== 'signed-up')
    throw new NotSignedUpError(`Your sign-up is ${record.status}; there is nothing to withdraw.`);
  const updated = { ...record, ...withStatus(record, 'withdrawn', receivedAt), invite: nextInvite(record, receivedAt) };
  const about = aboutSignUp(record);
  const { timeZone: _zone, ...performer } = record.performer;
  await recordWithdrawal(
    table,
    updated,
    {
      kind: 'withdrawal',
      ...about,
      invite: updated.invite,
      to: performerReader(record),
    },
    receivedAt,
    [
      ...reminderChangeSteps(table, record, updated),
      outboxStep(
        table,
        { kind: 'withdrawal-received', ...about, to: await readersOfWithdrawal(table, record), performer },
        receivedAt,
      ),
    ],
  );
  return { body: signUpView(updated, record.performer.timeZone) };
});
