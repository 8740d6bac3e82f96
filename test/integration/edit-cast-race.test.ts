import { describe, expect, it } from 'vitest';
import type { PerformanceView } from '../../local/seed';
import { asUpdate } from '../../local/seed';
import { config } from '../../src/config';
import { dynamoPerformanceStore } from '../../src/adapters/dynamodb/performance-store';
import { dynamoSignUpStore } from '../../src/adapters/dynamodb/signup-store';
import { InUseError } from '../../src/domain/errors';
import { castingLimits, editPerformance } from '../../src/domain/performance';
import { cast, uncast } from '../../src/domain/sign-up-decisions';
import { keptSlots } from '../../src/domain/snapshots';
import { performanceUpdate } from '../../src/schemas/performance';
import { api, signedUpUser } from '../support/api';
import { createPerformance } from '../support/fixtures';

/*
 * The director edits a performance in one tab and casts in another. The edit decides from what it read (nobody
 * cast where it removes) and writes later; a casting written in between must make the edit's own write fail, as
 * the refusal the edit would have given had it read the casting. Each test reads and decides as
 * performance-update does, writes a casting through the store, then writes the edit.
 */
describe('an edit racing a casting in its other tab', () => {
  const table = () => config().tableName;
  const afterAudition = new Date('2031-06-03T12:00:00Z');

  async function setUp(places = 1) {
    const director = await signedUpUser('director');
    const performers = await Promise.all([signedUpUser('performer'), signedUpUser('performer')]);
    const created = await createPerformance(director.token, {
      characters: [
        { name: 'Hamlet', places },
        { name: 'Ophelia', places: 1 },
      ],
      slots: [
        { start: '2031-06-01T10:00', durationMinutes: 30, capacity: 3 },
        { start: '2031-06-02T10:00', durationMinutes: 30, capacity: 3 },
      ],
    });
    const [hamlet, ophelia] = created.characters.map((c) => c.characterId) as [string, string];
    const [first, second] = created.slots.map((s) => s.slotId) as [string, string];
    const signUps = dynamoSignUpStore(table());
    const castingOf = async (performerId: string, characterId: string) => {
      const performance = (await dynamoPerformanceStore(table()).read(created.performanceId)).performance;
      const signUp = await signUps.find(created.performanceId, performerId);
      return signUps.save(cast({ performance, signUp }, characterId, afterAudition));
    };
    /** Reads and decides the edit `change` makes to the performance as it is; `write()` then stores it. */
    const decidedEdit = async (change: (body: ReturnType<typeof asUpdate>) => ReturnType<typeof asUpdate>) => {
      const view = (
        await api<PerformanceView>('GET', `/performances/${created.performanceId}`, { token: director.token })
      ).body;
      const body = performanceUpdate.parse(change(asUpdate(view)));
      const performances = dynamoPerformanceStore(table());
      const state = await performances.readOwned(created.performanceId, director.userId);
      const read = await signUps.listOfPerformance(created.performanceId, { consistent: true });
      const after = editPerformance(state, body, read, { now: new Date(), newId: () => 'new' });
      const before = state.performance;
      return {
        body,
        write: () => performances.replace(after, keptSlots(before, after), castingLimits(before, after)),
      };
    };
    const put = (body: unknown) =>
      api<{ code: string; detail?: string }>('PUT', `/performances/${created.performanceId}`, {
        token: director.token,
        body,
      });
    const signUp = async (token: string, slotId: string, characterIds: string[]) => {
      const response = await api('POST', `/performances/${created.performanceId}/signup`, {
        token,
        body: { slotId, characterIds },
      });
      expect(response.status).toBe(201);
    };
    return {
      director,
      performers,
      created,
      hamlet,
      ophelia,
      first,
      second,
      signUps,
      castingOf,
      decidedEdit,
      put,
      signUp,
    };
  }

  it('refuses to remove a slot in which someone was cast after the edit read it, and removes it once undone', async () => {
    const { director, performers, created, hamlet, second, signUps, castingOf, decidedEdit, put, signUp } =
      await setUp();
    const [ada] = performers;
    await signUp(ada!.token, second, [hamlet]);
    const withoutSecond = (b: ReturnType<typeof asUpdate>) => ({
      ...b,
      slots: b.slots.filter((s) => s.slotId !== second),
    });
    const edit = await decidedEdit(withoutSecond);
    await castingOf(ada!.userId, hamlet);
    const refused = await edit.write().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InUseError);
    expect((refused as Error).message).toBe('A slot in which performers were cast cannot be removed.');

    // Over HTTP, the same refusal: 409 in-use, and the performance unchanged.
    const again = await put(edit.body);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('in-use');
    const view = await api<PerformanceView>('GET', `/performances/${created.performanceId}`, {
      token: director.token,
    });
    expect(view.body.version).toBe(created.version);
    expect(view.body.slots.map((s) => s.slotId)).toContain(second);

    // Undone, the casting no longer holds the slot: the edit decided now is written.
    const performance = (await dynamoPerformanceStore(table()).read(created.performanceId)).performance;
    await signUps.save(
      uncast({ performance, signUp: await signUps.find(created.performanceId, ada!.userId) }, afterAudition),
    );
    const retried = await decidedEdit(withoutSecond);
    await expect(retried.write()).resolves.toBeUndefined();
  });

  it('refuses to remove a character someone was cast as after the edit read it', async () => {
    const { performers, hamlet, ophelia, first, castingOf, decidedEdit, signUp } = await setUp();
    const [ada] = performers;
    // Ada auditions for Hamlet; nobody holds Ophelia when the edit reads, so removing her is decided fine.
    await signUp(ada!.token, first, [hamlet]);
    const edit = await decidedEdit((b) => ({
      ...b,
      characters: b.characters.filter((c) => c.characterId !== ophelia),
    }));
    await castingOf(ada!.userId, ophelia);
    const refused = await edit.write().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InUseError);
    expect((refused as Error).message).toBe(
      'A character that performers signed up for or were cast as cannot be removed.',
    );
  });

  it('refuses to give a character fewer places than were cast after the edit read it', async () => {
    const { performers, hamlet, first, castingOf, decidedEdit, signUp } = await setUp(2);
    const [ada, bo] = performers;
    await signUp(ada!.token, first, [hamlet]);
    await signUp(bo!.token, first, [hamlet]);
    await castingOf(ada!.userId, hamlet);
    const edit = await decidedEdit((b) => ({
      ...b,
      characters: b.characters.map((c) => (c.characterId === hamlet ? { ...c, places: 1 } : c)),
    }));
    await castingOf(bo!.userId, hamlet);
    const refused = await edit.write().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InUseError);
    expect((refused as Error).message).toBe('Hamlet already has 2 performers cast.');
  });
});
