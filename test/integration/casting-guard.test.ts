import { describe, expect, it } from 'vitest';
import type { PerformanceView } from '../../local/seed';
import { asUpdate } from '../../local/seed';
import { config } from '../../src/config';
import { readPerformance } from '../../src/adapters/dynamodb/performance-store';
import { dynamoSignUpStore } from '../../src/adapters/dynamodb/signup-store';
import { CastingClosedError, VersionConflictError } from '../../src/domain/errors';
import { cast, uncast } from '../../src/domain/sign-up-decisions';
import { api, signedUpUser } from '../support/api';
import { createPerformance } from '../support/fixtures';

/*
 * A casting is decided on the performance as read and written later, guarded by the performance's small guard
 * item instead of the performance item (whose size, and so the casting's write units, grows with every character
 * and slot). These tests decide a casting, change the performance through the API, then write the decision as
 * the handler would have: it must be refused, exactly as when the whole performance was checked.
 */
describe('a casting racing a change to its performance', () => {
  const table = () => config().tableName;

  async function decidedCasting(undo = false) {
    const director = await signedUpUser('director');
    const performer = await signedUpUser('performer');
    const created = await createPerformance(director.token, {
      slots: [{ start: '2031-06-01T10:00', durationMinutes: 30, capacity: 3 }],
    });
    const slotId = created.slots[0]!.slotId;
    const characterId = created.characters[0]!.characterId;
    const signedUp = await api('POST', `/performances/${created.performanceId}/signup`, {
      token: performer.token,
      body: { slotId, characterIds: [characterId] },
    });
    expect(signedUp.status).toBe(201);
    const afterAudition = new Date('2031-06-01T12:00:00Z');
    const store = dynamoSignUpStore(table());
    const read = async () => ({
      performance: (await readPerformance(table(), created.performanceId)).performance,
      signUp: await store.find(created.performanceId, performer.userId),
    });
    if (undo) await store.save(cast(await read(), characterId, afterAudition));
    const decision = undo ? uncast(await read(), afterAudition) : cast(await read(), characterId, afterAudition);
    const view = (
      await api<PerformanceView>('GET', `/performances/${created.performanceId}`, { token: director.token })
    ).body;
    return { director, created, decision, view, store, read, characterId, afterAudition };
  }

  it.each([false, true])(
    'is refused once the performance was edited meanwhile (undo: %s), and taken afresh',
    async (undo) => {
      const { director, created, decision, view, store, read, characterId, afterAudition } = await decidedCasting(undo);
      const edited = await api('PUT', `/performances/${created.performanceId}`, {
        token: director.token,
        body: { ...asUpdate(view), description: 'Rewritten while the director was casting.' },
      });
      expect(edited.status).toBe(200);
      await expect(store.save(decision)).rejects.toBeInstanceOf(VersionConflictError);
      const fresh = undo ? uncast(await read(), afterAudition) : cast(await read(), characterId, afterAudition);
      await expect(store.save(fresh)).resolves.toBeDefined();
    },
  );

  it('is refused once casting closed meanwhile, at once, before the stream has closed anything', async () => {
    const { director, created, decision, store } = await decidedCasting();
    const closed = await api('POST', `/performances/${created.performanceId}/close-casting`, { token: director.token });
    expect(closed.status).toBe(202);
    await expect(store.save(decision)).rejects.toBeInstanceOf(CastingClosedError);
  });

  it('is refused once the performance was deleted meanwhile', async () => {
    const { director, created, decision, store } = await decidedCasting();
    const deleted = await api('DELETE', `/performances/${created.performanceId}`, { token: director.token });
    expect(deleted.status).toBe(204);
    await expect(store.save(decision)).rejects.toBeInstanceOf(VersionConflictError);
  });
});
