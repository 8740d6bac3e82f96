import { readOwnedPerformance } from '../adapters/dynamodb/performance-store';
import { aboutSignUp, performerReader, readSignUp, recordCasting } from '../adapters/dynamodb/signup-store';
import { AuditionNotStartedError, CastingClosedError, InvalidReferenceError, NotSignedUpError } from '../domain/errors';
import { slotTimes } from '../domain/performance';
import { withStatus } from '../domain/signup';
import { callerProfile, retryOnVersionConflict, tableName } from './context';
import { protectedRoute } from './http/handler';
import { signUpView } from './views';

/** Casts a performer whose audition has begun into a character, never beyond the character's places. */
export const handler = protectedRoute('casting-create', async ({ params, body, receivedAt: now }, caller) => {
  const table = tableName();
  const updated = await retryOnVersionConflict(async () => {
    const { performance } = await readOwnedPerformance(table, params.performanceId, caller.userId);
    if (performance.castingClosed) throw new CastingClosedError('Casting for this performance is closed.');
    const character = performance.characters.find((c) => c.characterId === body.characterId);
    if (!character) throw new InvalidReferenceError('This performance has no such character.');
    const record = await readSignUp(table, params.performanceId, body.performerId).catch(() => {
      throw new InvalidReferenceError('This performer did not sign up for this performance.');
    });
    if (record.status !== 'signed-up') throw new NotSignedUpError(`The sign-up is ${record.status}.`);
    const slot = performance.slots.find((s) => s.slotId === record.slotId);
    if (!slot || slotTimes(slot, performance.venue.timeZone).start.getTime() > now.getTime()) {
      throw new AuditionNotStartedError('A performer can be cast once their audition has begun.');
    }
    const next = { ...record, ...withStatus(record, 'cast', now, character.characterId), castAsName: character.name };
    await recordCasting(
      table,
      { performance, updated: next, characterId: character.characterId, places: character.places },
      {
        kind: 'cast',
        character: character.name,
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
