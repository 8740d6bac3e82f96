import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { api, signedUpUser } from '../support/api';
import { createPerformance, performanceBody, venueDateTime } from '../support/fixtures';
import { emailsTo, eventually } from '../support/outbox';

/**
 * A slot moved while one of its performers is cast, whose casting is then undone before the table's stream gets to
 * the move: what the move means for the performer is decided by what their sign-up was when the slot moved, not
 * by what it is when the stream reads it. A cast performer gets no "Audition moved" for it, however late the
 * stream is; undoing the casting shows the slot as it is now.
 */
interface SignUpList {
  signUps: { performanceId: string; status: string; slot: { startsAt: { venue: string } } }[];
}

const zone = 'Europe/London';
/** A local time at the venue `hours` before now, `YYYY-MM-DDTHH:mm`. */
const hoursAgo = (hours: number) => DateTime.now().setZone(zone).minus({ hours }).toFormat("yyyy-MM-dd'T'HH:mm");
const moved = (emails: { subject: string }[]) => emails.filter((e) => e.subject.startsWith('Audition moved:'));

afterEach(async () => {
  await api('DELETE', '/__local/faults');
});

describe('a slot moved while its performer is cast, the casting undone before the stream follows the move up', () => {
  it('sends that performer no "Audition moved", while the performer still signed up gets one per move', async () => {
    const [director, ada, bo] = await Promise.all([
      signedUpUser('director'),
      signedUpUser('performer'),
      signedUpUser('performer'),
    ]);
    const body = performanceBody({
      title: `Moved while cast ${Date.now().toString(36)}`,
      slots: [
        { start: venueDateTime(5, '10:00', zone), durationMinutes: 30, capacity: 5 },
        { start: venueDateTime(6, '10:00', zone), durationMinutes: 30, capacity: 5 },
      ],
    });
    const created = await createPerformance(director.token, body);
    const [audition, spare] = created.slots.map((s) => s.slotId) as [string, string];
    const characters = body.characters.map((c, i) => ({ ...c, characterId: created.characters[i]?.characterId }));
    const characterId = created.characters[0]?.characterId;
    for (const performer of [ada, bo]) {
      const signUp = await api('POST', `/performances/${created.performanceId}/signup`, {
        token: performer.token,
        body: { slotId: audition, characterIds: [characterId] },
      });
      expect(signUp.status).toBe(201);
    }
    let version = created.version;
    const edit = async (slots: { slotId: string; start: string }[]) => {
      const response = await api<{ version: number }>('PUT', `/performances/${created.performanceId}`, {
        token: director.token,
        body: {
          ...body,
          characters,
          version,
          slots: slots.map((s) => ({ ...s, durationMinutes: 30, capacity: 5 })),
        },
      });
      expect(response.status).toBe(200);
      version = response.body.version;
    };

    // The audition was held earlier than planned: both are told, and Ada is cast.
    const spareStart = created.slots[1]?.start as string;
    await edit([
      { slotId: audition, start: hoursAgo(1) },
      { slotId: spare, start: spareStart },
    ]);
    for (const performer of [ada, bo]) {
      await eventually(
        () => emailsTo(performer.email),
        (emails) => moved(emails).length === 1,
      );
    }
    const cast = await api('POST', `/performances/${created.performanceId}/castings`, {
      token: director.token,
      body: { performerId: ada.userId, characterId },
    });
    expect(cast.status).toBe(200);

    // The stream is held back (its write closing the removed spare slot fails and is retried) while the slot is
    // moved twice more and Ada's casting is undone.
    await api('PUT', '/__local/faults', { body: { streamWritesMentioning: [spare] } });
    await edit([{ slotId: audition, start: hoursAgo(2) }]);
    const finalStart = hoursAgo(3);
    await edit([{ slotId: audition, start: finalStart }]);
    const undone = await api('DELETE', `/performances/${created.performanceId}/castings/${ada.userId}`, {
      token: director.token,
    });
    expect(undone.status).toBe(200);
    await eventually(
      () => api<{ refused: number }>('GET', '/__local/faults'),
      (response) => response.body.refused > 0,
    );
    await api('DELETE', '/__local/faults');

    // Bo, signed up all along, is told of each move: the stream has followed both up.
    await eventually(
      () => emailsTo(bo.email),
      (emails) => moved(emails).length === 3,
    );
    expect((await api('POST', '/__local/settled')).status).toBe(204);
    expect(moved(await emailsTo(bo.email))).toHaveLength(3);
    // Ada was cast when the slot moved twice: no email for those moves, before or after the undo.
    expect(moved(await emailsTo(ada.email))).toHaveLength(1);
    const { body: mine } = await api<SignUpList>('GET', '/me/signups', { token: ada.token });
    const adaSignUp = mine.signUps.find((s) => s.performanceId === created.performanceId);
    expect(adaSignUp?.status).toBe('signed-up');
    expect(adaSignUp?.slot.startsAt.venue).toContain(finalStart);
  });
});
