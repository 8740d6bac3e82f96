import { describe, expect, it } from 'vitest';
import { api, signedUpUser } from '../support/api';
import { createPerformance, performanceBody, venueDateTime } from '../support/fixtures';
import { attachmentText, emailsTo, eventually } from '../support/outbox';

interface SignUpList {
  signUps: { performanceId: string; status: string; castAs?: string; slot: { startsAt: { venue: string } } }[];
}

const statusOf = async (token: string, performanceId: string) =>
  (await api<SignUpList>('GET', '/me/signups', { token })).body.signUps.find((s) => s.performanceId === performanceId);

describe('from sign-up to casting', () => {
  it('moves a slot, casts within the places, closes casting with a final status for everyone', async () => {
    const [director, ada, bo] = await Promise.all([
      signedUpUser('director'),
      signedUpUser('performer', { name: 'Ada Actor' }),
      signedUpUser('performer', { name: 'Bo Baritone' }),
    ]);
    const body = performanceBody();
    const created = await createPerformance(director.token, body);
    const [hamlet, ophelia] = created.characters;
    const characters = body.characters.map((c, i) => ({ ...c, characterId: created.characters[i]?.characterId }));
    const slotId = created.slots[0]?.slotId as string;
    for (const [p, note] of [
      [ada, 'Step-free access, please'],
      [bo, undefined],
    ] as const) {
      const response = await api('POST', `/performances/${created.performanceId}/signup`, {
        token: p.token,
        body: { slotId, characterIds: [ophelia?.characterId], ...(note ? { accessNeeds: note } : {}) },
      });
      expect(response.status).toBe(201);
    }

    // Owners see who signed up per slot, with access needs; the performer's own profile is readable to them.
    const { body: list } = await api<{ slots: { signUps: { performer: { name: string }; accessNeeds?: string }[] }[] }>(
      'GET',
      `/performances/${created.performanceId}/signups`,
      { token: director.token },
    );
    expect(list.slots[0]?.signUps.map((s) => [s.performer.name, s.accessNeeds])).toEqual(
      expect.arrayContaining([
        ['Ada Actor', 'Step-free access, please'],
        ['Bo Baritone', undefined],
      ]),
    );
    const profile = await api('GET', `/performances/${created.performanceId}/performers/${ada.userId}`, {
      token: director.token,
    });
    expect(profile.body).toMatchObject({ name: 'Ada Actor' });

    // Casting before the audition is refused on its merits.
    const early = await api('POST', `/performances/${created.performanceId}/castings`, {
      token: director.token,
      body: { performerId: ada.userId, characterId: ophelia?.characterId },
    });
    expect(early.body).toMatchObject({ status: 409, code: 'audition-not-started' });

    // The director moves the audition to earlier today: performers get an updated invite.
    const movedTo = venueDateTime(0, '00:01', 'Europe/London');
    const stale = await api('PUT', `/performances/${created.performanceId}`, {
      token: director.token,
      body: {
        ...body,
        characters,
        version: created.version + 5,
        slots: [{ slotId, start: movedTo, durationMinutes: 30, capacity: 5 }],
      },
    });
    expect(stale.body).toMatchObject({ status: 409, code: 'version-conflict' });
    const moved = await api('PUT', `/performances/${created.performanceId}`, {
      token: director.token,
      body: {
        ...body,
        characters,
        version: created.version,
        slots: [{ slotId, start: movedTo, durationMinutes: 30, capacity: 5 }],
      },
    });
    expect(moved.status).toBe(200);
    const update = await eventually(
      () => emailsTo(ada.email),
      (emails) => emails.some((e) => e.subject.startsWith('Audition moved')),
    );
    const invite = update.find((e) => e.subject.startsWith('Audition moved'))?.attachments?.[0];
    expect(attachmentText(invite ?? { content: '' })).toContain('METHOD:REQUEST');
    await eventually(
      () => statusOf(ada.token, created.performanceId),
      (s) => s?.slot.startsAt.venue.startsWith(movedTo) ?? false,
    );

    const cast = await api('POST', `/performances/${created.performanceId}/castings`, {
      token: director.token,
      body: { performerId: ada.userId, characterId: ophelia?.characterId },
    });
    expect(cast.status).toBe(200);
    const full = await api('POST', `/performances/${created.performanceId}/castings`, {
      token: director.token,
      body: { performerId: bo.userId, characterId: ophelia?.characterId },
    });
    expect(full.body).toMatchObject({ status: 409, code: 'character-full' });
    expect((await statusOf(ada.token, created.performanceId))?.status).toBe('cast');
    await eventually(
      () => emailsTo(ada.email),
      (emails) => emails.some((e) => e.subject.startsWith('You have been cast as Ophelia')),
    );

    // Undoing a casting frees the character's place, tells the performer, and takes the performance off their
    // current performances; only a cast sign-up can be undone.
    const castings = `/performances/${created.performanceId}/castings`;
    const notCast = await api('DELETE', `${castings}/${bo.userId}`, { token: director.token });
    expect(notCast.body).toMatchObject({ status: 409, code: 'not-cast' });
    const undone = await api<{ status: string; castAs?: string }>('DELETE', `${castings}/${ada.userId}`, {
      token: director.token,
    });
    expect(undone.status).toBe(200);
    expect(undone.body.status).toBe('signed-up');
    expect(undone.body).not.toHaveProperty('castAs');
    expect((await statusOf(ada.token, created.performanceId))?.status).toBe('signed-up');
    const { body: uncast } = await api<{ currentPerformances: unknown[] }>('GET', '/me', { token: ada.token });
    expect(uncast.currentPerformances).toEqual([]);
    const uncastEmails = await eventually(
      async () => (await emailsTo(ada.email)).filter((e) => e.subject.startsWith('You are no longer cast as Ophelia')),
      (emails) => emails.length > 0,
    );
    // Her audition is where her calendar already has it (the move reached her before she was cast): no update.
    expect(uncastEmails.map((e) => e.attachments ?? [])).toEqual([[]]);
    const boAsOphelia = await api('POST', castings, {
      token: director.token,
      body: { performerId: bo.userId, characterId: ophelia?.characterId },
    });
    expect(boAsOphelia.status).toBe(200);
    expect((await api('DELETE', `${castings}/${bo.userId}`, { token: director.token })).status).toBe(200);
    const recast = await api('POST', castings, {
      token: director.token,
      body: { performerId: ada.userId, characterId: ophelia?.characterId },
    });
    expect(recast.status).toBe(200);

    expect(
      (await api('POST', `/performances/${created.performanceId}/close-casting`, { token: director.token })).status,
    ).toBe(202);
    await eventually(
      () => statusOf(bo.token, created.performanceId),
      (s) => s?.status === 'not-cast',
    );
    await eventually(
      () => emailsTo(bo.email),
      (emails) => emails.some((e) => e.subject.startsWith('Casting for')),
    );
    const again = await api('POST', `/performances/${created.performanceId}/castings`, {
      token: director.token,
      body: { performerId: bo.userId, characterId: hamlet?.characterId },
    });
    expect(again.body).toMatchObject({ status: 409, code: 'casting-closed' });
    const lateUndo = await api('DELETE', `${castings}/${ada.userId}`, { token: director.token });
    expect(lateUndo.body).toMatchObject({ status: 409, code: 'casting-closed' });

    // Cast performers see the performance among their current performances until its last date passes.
    const { body: me } = await api<{ currentPerformances: { performanceId: string; character: string }[] }>(
      'GET',
      '/me',
      {
        token: ada.token,
      },
    );
    expect(me.currentPerformances).toEqual([
      expect.objectContaining({ performanceId: created.performanceId, character: 'Ophelia' }),
    ]);
  });

  it('closing casting: "not cast" for those who auditioned, a cancellation for those whose audition is ahead', async () => {
    const [director, ada, bo] = await Promise.all([
      signedUpUser('director'),
      signedUpUser('performer'),
      signedUpUser('performer'),
    ]);
    const body = performanceBody({
      slots: [
        { start: venueDateTime(7, '10:00', 'Europe/London'), durationMinutes: 30, capacity: 2 },
        { start: venueDateTime(14, '10:00', 'Europe/London'), durationMinutes: 30, capacity: 2 },
      ],
    });
    const created = await createPerformance(director.token, body);
    const [soon, later] = created.slots as [{ slotId: string }, { slotId: string; start: string }, ...unknown[]];
    const ophelia = created.characters[1]?.characterId;
    for (const [p, slotId] of [
      [ada, soon.slotId],
      [bo, later.slotId],
    ] as const) {
      const response = await api('POST', `/performances/${created.performanceId}/signup`, {
        token: p.token,
        body: { slotId, characterIds: [ophelia] },
      });
      expect(response.status).toBe(201);
    }
    // Ada's audition is moved to earlier today, so it has begun; Bo's is two weeks away.
    const movedTo = venueDateTime(0, '00:01', 'Europe/London');
    const moved = await api('PUT', `/performances/${created.performanceId}`, {
      token: director.token,
      body: {
        ...body,
        characters: body.characters.map((c, i) => ({ ...c, characterId: created.characters[i]?.characterId })),
        version: created.version,
        slots: [
          { slotId: soon.slotId, start: movedTo, durationMinutes: 30, capacity: 2 },
          { slotId: later.slotId, start: later.start, durationMinutes: 30, capacity: 2 },
        ],
      },
    });
    expect(moved.status).toBe(200);
    await eventually(
      () => statusOf(ada.token, created.performanceId),
      (s) => s?.slot.startsAt.venue.startsWith(movedTo) ?? false,
    );

    const closed = await api('POST', `/performances/${created.performanceId}/close-casting`, {
      token: director.token,
    });
    expect(closed.status).toBe(202);
    await eventually(
      () => statusOf(ada.token, created.performanceId),
      (s) => s?.status === 'not-cast',
    );
    const boSignUp = await eventually(
      () => statusOf(bo.token, created.performanceId),
      (s) => s?.status === 'cancelled',
    );
    expect(boSignUp).not.toHaveProperty('reminder');
    const boEmails = await eventually(
      () => emailsTo(bo.email),
      (all) => all.some((e) => e.subject.startsWith('Audition cancelled')),
    );
    const cancellation = boEmails.find((e) => e.subject.startsWith('Audition cancelled'));
    expect(cancellation?.body.text).toContain('closed before your audition');
    expect(attachmentText(cancellation?.attachments?.[0] ?? { content: '' })).toContain('METHOD:CANCEL');
    await eventually(
      () => emailsTo(ada.email),
      (all) => all.some((e) => e.subject.startsWith('Casting for')),
    );
    expect((await emailsTo(bo.email)).filter((e) => e.body.text?.includes('not been cast'))).toEqual([]);
  });

  it('cancels the sign-ups of a removed slot and tells their performers', async () => {
    const [director, performer] = await Promise.all([signedUpUser('director'), signedUpUser('performer')]);
    const body = performanceBody({
      slots: [
        { start: venueDateTime(7, '10:00', 'Europe/London'), durationMinutes: 30, capacity: 2 },
        { start: venueDateTime(8, '10:00', 'Europe/London'), durationMinutes: 30, capacity: 2 },
      ],
    });
    const created = await createPerformance(director.token, body);
    await api('POST', `/performances/${created.performanceId}/signup`, {
      token: performer.token,
      body: { slotId: created.slots[0]?.slotId, characterIds: [created.characters[0]?.characterId] },
    });
    const kept = created.slots[1] as { slotId: string; start: string };
    const response = await api('PUT', `/performances/${created.performanceId}`, {
      token: director.token,
      body: {
        ...body,
        version: created.version,
        slots: [{ slotId: kept.slotId, start: kept.start, durationMinutes: 30, capacity: 2 }],
      },
    });
    expect(response.status).toBe(200);
    await eventually(
      () => statusOf(performer.token, created.performanceId),
      (s) => s?.status === 'cancelled',
    );
    const emails = await eventually(
      () => emailsTo(performer.email),
      (all) => all.some((e) => e.subject.includes('cancelled')),
    );
    const cancel = emails.find((e) => e.subject.includes('cancelled'))?.attachments?.[0];
    expect(attachmentText(cancel ?? { content: '' })).toContain('METHOD:CANCEL');
  });

  it('refuses an edit that would drop a character someone signed up for, or shrink a slot below its sign-ups', async () => {
    const [director, performer] = await Promise.all([signedUpUser('director'), signedUpUser('performer')]);
    const body = performanceBody();
    const created = await createPerformance(director.token, body);
    const slot = created.slots[0] as { slotId: string; start: string };
    const signUp = await api('POST', `/performances/${created.performanceId}/signup`, {
      token: performer.token,
      body: { slotId: slot.slotId, characterIds: [created.characters[1]?.characterId] },
    });
    expect(signUp.status, JSON.stringify(signUp.body)).toBe(201);
    const withoutOphelia = await api('PUT', `/performances/${created.performanceId}`, {
      token: director.token,
      body: {
        ...body,
        version: created.version,
        slots: [{ slotId: slot.slotId, start: slot.start, durationMinutes: 30, capacity: 5 }],
        characters: [{ ...body.characters[0], characterId: created.characters[0]?.characterId }],
      },
    });
    expect(withoutOphelia.body).toMatchObject({ status: 409, code: 'in-use' });
    const shrunk = await api('PUT', `/performances/${created.performanceId}`, {
      token: director.token,
      body: {
        ...body,
        version: created.version,
        slots: [{ slotId: slot.slotId, start: slot.start, durationMinutes: 30, capacity: 0 }],
      },
    });
    expect(shrunk.status).toBe(400);
  });
});
