import { describe, expect, it } from 'vitest';
import { api, signedUpUser } from '../support/api';
import { createPerformance } from '../support/fixtures';

async function performers(count: number) {
  const users: Awaited<ReturnType<typeof signedUpUser>>[] = [];
  for (let i = 0; i < count; i += 10) {
    users.push(
      ...(await Promise.all(Array.from({ length: Math.min(10, count - i) }, () => signedUpUser('performer')))),
    );
  }
  return users;
}

describe('slot capacity under concurrent sign-ups', () => {
  it('lets exactly 3 of 50 simultaneous sign-ups take the last 3 places; the rest get 409', async () => {
    const director = await signedUpUser('director');
    const created = await createPerformance(director.token, {
      slots: [{ start: '2030-05-01T10:00', durationMinutes: 30, capacity: 5 }],
    });
    const signUp = (token: string) =>
      api('POST', `/performances/${created.performanceId}/signup`, {
        token,
        body: { slotId: created.slots[0]?.slotId, characterIds: [created.characters[0]?.characterId] },
      });
    const [early, crowd] = [await performers(2), await performers(50)];
    for (const p of early) expect((await signUp(p.token)).status).toBe(201);

    const responses = await Promise.all(crowd.map((p) => signUp(p.token)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(47);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(refused.body).toMatchObject({ code: 'slot-full' });
    }

    const { body: view } = await api<{ slots: { remaining: number; capacity: number }[] }>(
      'GET',
      `/performances/${created.performanceId}`,
      { token: director.token },
    );
    const { body: list } = await api<{ slots: { signUps: { status: string }[] }[] }>(
      'GET',
      `/performances/${created.performanceId}/signups`,
      { token: director.token },
    );
    const active = list.slots[0]?.signUps.filter((s) => s.status === 'signed-up') ?? [];
    // The stored count equals the number of active sign-ups.
    expect(active).toHaveLength(5);
    expect(view.slots[0]).toMatchObject({ capacity: 5, remaining: 0 });
  });

  it('keeps one active sign-up per performer even when the same performer races', async () => {
    const [director, performer] = await Promise.all([signedUpUser('director'), signedUpUser('performer')]);
    const created = await createPerformance(director.token, {
      slots: [{ start: '2030-05-01T10:00', durationMinutes: 30, capacity: 50 }],
    });
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        api('POST', `/performances/${created.performanceId}/signup`, {
          token: performer.token,
          body: { slotId: created.slots[0]?.slotId, characterIds: [created.characters[0]?.characterId] },
        }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(
      responses.filter((r) => r.status === 409).every((r) => (r.body as { code: string }).code === 'already-signed-up'),
    ).toBe(true);
    const { body } = await api<{ slots: { remaining: number }[] }>('GET', `/performances/${created.performanceId}`, {
      token: director.token,
    });
    expect(body.slots[0]?.remaining).toBe(49);
  });
});
