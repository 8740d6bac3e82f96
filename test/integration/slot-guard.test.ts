import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PerformanceView } from '../../local/seed';
import { asUpdate } from '../../local/seed';
import { config } from '../../src/config';
import { readPerformance } from '../../src/adapters/dynamodb/performance-store';
import { dynamoProfileStore } from '../../src/adapters/dynamodb/profile-store';
import { dynamoSignUpStore } from '../../src/adapters/dynamodb/signup-store';
import { CastingClosedError, VersionConflictError } from '../../src/domain/errors';
import { signUp } from '../../src/domain/sign-up-decisions';
import { api, signedUpUser } from '../support/api';
import { createPerformance } from '../support/fixtures';

/*
 * A sign-up is decided on the performance as read, and written later. What it relies on (its slot's time, place and
 * capacity, and that the slot takes sign-ups) is guarded by the slot's count item, not by the whole performance's
 * version. These tests decide a sign-up, change the performance through the API, and then write the decision as
 * the handler would have: it must be refused.
 */
describe('a sign-up racing a change to its performance', () => {
  const table = () => config().tableName;

  async function decidedSignUp() {
    const director = await signedUpUser('director');
    const performer = await signedUpUser('performer');
    const created = await createPerformance(director.token, {
      slots: [{ start: '2031-06-01T10:00', durationMinutes: 30, capacity: 3 }],
    });
    const { performance } = await readPerformance(table(), created.performanceId);
    const profile = await dynamoProfileStore(table()).get(performer.userId);
    const request = { signUpId: randomUUID(), slotId: performance.slots[0]!.slotId, characterIds: [] };
    const decision = signUp({ performance }, profile!, request, new Date());
    const view = (
      await api<PerformanceView>('GET', `/performances/${created.performanceId}`, { token: director.token })
    ).body;
    return { director, created, decision, view, store: dynamoSignUpStore(table()) };
  }

  it.each([
    ['moved', (s: { start: string }) => ({ ...s, start: '2031-06-01T11:00' })],
    ['given fewer places', (s: { capacity: number }) => ({ ...s, capacity: 2 })],
    ['moved to another room', (s: { location: object }) => ({ ...s, location: { name: 'Annex', address: 'Back' } })],
  ])('is refused once its slot was %s meanwhile, and taken when decided afresh', async (_case, change) => {
    const { director, created, decision, view, store } = await decidedSignUp();
    const update = asUpdate(view);
    const edited = await api('PUT', `/performances/${created.performanceId}`, {
      token: director.token,
      body: { ...update, slots: update.slots.map((s) => change(s as never)) },
    });
    expect(edited.status).toBe(200);
    await expect(store.save(decision)).rejects.toBeInstanceOf(VersionConflictError);
    // Decided on the performance as it is now, the same sign-up is taken.
    const { performance } = await readPerformance(table(), created.performanceId);
    const performer = await dynamoProfileStore(table()).get(decision.signUp.performerId);
    const fresh = signUp({ performance }, performer!, { ...decision.signUp, characterIds: [] }, new Date());
    await expect(store.save(fresh)).resolves.toBeDefined();
  });

  it('is refused once casting closed meanwhile, or the performance was deleted, or its slot removed', async () => {
    const closed = await decidedSignUp();
    expect(
      (
        await api('POST', `/performances/${closed.created.performanceId}/close-casting`, {
          token: closed.director.token,
        })
      ).status,
    ).toBe(202);
    expect((await api('POST', '/__local/settled')).status).toBe(204);
    await expect(closed.store.save(closed.decision)).rejects.toBeInstanceOf(CastingClosedError);

    const deleted = await decidedSignUp();
    expect(
      (await api('DELETE', `/performances/${deleted.created.performanceId}`, { token: deleted.director.token })).status,
    ).toBe(204);
    expect((await api('POST', '/__local/settled')).status).toBe(204);
    await expect(deleted.store.save(deleted.decision)).rejects.toBeInstanceOf(VersionConflictError);

    const removed = await decidedSignUp();
    const update = asUpdate(removed.view);
    const withAnother = await api('PUT', `/performances/${removed.created.performanceId}`, {
      token: removed.director.token,
      body: {
        ...update,
        slots: [{ start: '2031-06-02T10:00', durationMinutes: 30, capacity: 3, location: update.slots[0]!.location }],
      },
    });
    expect(withAnother.status).toBe(200);
    expect((await api('POST', '/__local/settled')).status).toBe(204);
    await expect(removed.store.save(removed.decision)).rejects.toBeInstanceOf(VersionConflictError);
  });
});
