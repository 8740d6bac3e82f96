import { readOwnedPerformance } from '../adapters/dynamodb/performance-store';
import { aboutSignUp, performerReader, readSignUp, recordCastingUndone } from '../adapters/dynamodb/signup-store';
import { CastingClosedError, InvalidReferenceError, NotCastError } from '../domain/errors';
import { withCastingUndone } from '../domain/signup';
import { callerProfile, retryOnVersionConflict, tableName } from './context';
import { protectedRoute } from './http/handler';
import { signUpView } from './views';

/** Undoes a casting until casting closes: the character's place is freed and the performer is told. */
export const handler = protectedRoute('casting-undo', async ({ params, receivedAt: now }, caller) => {
  const table = tableName();
  const updated = await retryOnVersionConflict(async () => {
    const { performance } = await readOwnedPerformance(table, params.performanceId, caller.userId);
    if (performance.castingClosed) throw new CastingClosedError('Casting for this performance is closed.');
    const record = await readSignUp(table, params.performanceId, params.performerId).catch(() => {
      throw new InvalidReferenceError('This performer did not sign up for this performance.');
    });
    if (record.status !== 'cast' || !record.castAs) throw new NotCastError(`The sign-up is ${record.status}.`);
    const next = withCastingUndone(record, now);
    await recordCastingUndone(
      table,
      { performance, updated: next, characterId: record.castAs },
      {
        kind: 'cast-undone',
        character: record.castAsName ?? '',
        ...aboutSignUp(record),
        to: performerReader(record),
      },
      now,
    );
    return next;
  });
  const reader = await callerProfile(caller);
  return { body: signUpView(updated, reader.timeZone) };
});
