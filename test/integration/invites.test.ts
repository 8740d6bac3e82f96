import { describe, expect, it } from 'vitest';
import { api, signedUpUser } from '../support/api';
import { createPerformance, performanceBody, venueDateTime } from '../support/fixtures';
import { attachmentText, emailsTo, eventually } from '../support/outbox';

interface Invite {
  method: string;
  sequence: number;
  stamp: Date;
  uid: string;
}

/** METHOD, SEQUENCE, DTSTAMP and UID of an .ics text (DTSTAMP in UTC, `yyyymmddThhmmssZ`). */
function readInvite(ics: string): Invite {
  const field = (name: string) => new RegExp(`^${name}:(.+)$`, 'm').exec(ics.replace(/\r\n[ \t]/g, ''))?.[1]?.trim();
  const stamp = field('DTSTAMP') ?? '';
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp) ?? [];
  return {
    method: field('METHOD') ?? '',
    sequence: Number(field('SEQUENCE')),
    stamp: new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))),
    uid: field('UID') ?? '',
  };
}

/** DTSTAMP has whole seconds: the instant a change was made, truncated. */
const secondOf = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

describe('calendar invites of one sign-up', () => {
  it('raise SEQUENCE with every invite and stamp each with the moment of its change, however close together', async () => {
    const [director, performer] = await Promise.all([
      signedUpUser('director'),
      signedUpUser('performer', { timeZone: 'Europe/London' }),
    ]);
    const body = performanceBody();
    const created = await createPerformance(director.token, body);
    const slotId = created.slots[0]?.slotId;
    const characters = body.characters.map((c, i) => ({ ...c, characterId: created.characters[i]?.characterId }));

    const signedUpAt = new Date();
    const signUp = await api('POST', `/performances/${created.performanceId}/signup`, {
      token: performer.token,
      body: { slotId, characterIds: [created.characters[0]?.characterId] },
    });
    expect(signUp.status).toBe(201);
    await eventually(
      () => emailsTo(performer.email),
      (emails) => emails.some((e) => e.subject.startsWith('Audition confirmed')),
    );

    // The slot moves and the performance is deleted within the same second or two: the stream's own timestamps
    // (to the minute locally, to the second in AWS) cannot tell these changes apart.
    const movedAt = new Date();
    const moved = await api('PUT', `/performances/${created.performanceId}`, {
      token: director.token,
      body: {
        ...body,
        characters,
        version: created.version,
        slots: [{ slotId, start: venueDateTime(6, '11:00', 'Europe/London'), durationMinutes: 30, capacity: 5 }],
      },
    });
    expect(moved.status).toBe(200);
    const deletedAt = new Date();
    expect((await api('DELETE', `/performances/${created.performanceId}`, { token: director.token })).status).toBe(204);

    const emails = await eventually(
      () => emailsTo(performer.email),
      (all) => all.filter((e) => e.attachments?.length).length >= 3,
    );
    const invites = emails
      .filter((e) => e.attachments?.length)
      .map((e) => ({ subject: e.subject, ...readInvite(attachmentText(e.attachments?.[0] ?? { content: '' })) }))
      .sort((a, b) => a.sequence - b.sequence);
    expect(invites.map((i) => i.method)).toEqual(['REQUEST', 'REQUEST', 'CANCEL']);
    expect(invites.map((i) => i.sequence)).toEqual([0, 1, 2]);
    expect(new Set(invites.map((i) => i.uid)).size).toBe(1);
    const [confirmation, move, cancel] = invites;
    expect(move?.subject).toMatch(/^Audition moved/);
    // Each DTSTAMP is when its change was made: not before the request that made it.
    expect(confirmation?.stamp.getTime()).toBeGreaterThanOrEqual(secondOf(signedUpAt).getTime());
    expect(move?.stamp.getTime()).toBeGreaterThanOrEqual(secondOf(movedAt).getTime());
    expect(cancel?.stamp.getTime()).toBeGreaterThanOrEqual(secondOf(deletedAt).getTime());
  });
});
