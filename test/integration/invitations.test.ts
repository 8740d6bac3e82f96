import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { documentClient } from '../../src/adapters/dynamodb/document-client';
import { keys } from '../../src/adapters/dynamodb/keys';
import { invitationDay, invitationsPerDirectorPerDay } from '../../src/domain/invitation';
import { formatForRecipient } from '../../src/domain/time-format';
import { api, signedUpUser } from '../support/api';
import type { CreatedPerformance } from '../support/fixtures';
import { createPerformance, venueDateTime } from '../support/fixtures';
import { emailsTo, eventually } from '../support/outbox';

type User = Awaited<ReturnType<typeof signedUpUser>>;

interface InvitationView {
  invitationId: string;
  performanceId: string;
  performerId: string;
  performerName: string;
  title: string;
  venue: { name: string; city: string; timeZone: string };
  slot: { slotId: string; startsAt: { utc: string; venue: string; reader: string } } | null;
  message?: string;
  status: string;
  code?: string;
}

const table = () => inject('env').TABLE_NAME as string;
const webBaseUrl = () => (inject('env').WEB_BASE_URL as string).replace(/\/+$/, '');

const invite = (director: User, performanceId: string, body: Record<string, unknown>) =>
  api<InvitationView>('POST', `/performances/${performanceId}/invitations`, { token: director.token, body });
const directorList = async (director: User, performanceId: string) =>
  api<{ invitations: InvitationView[] }>('GET', `/performances/${performanceId}/invitations`, {
    token: director.token,
  });
const myInvitations = async (performer: User) =>
  (await api<{ invitations: InvitationView[] }>('GET', '/me/invitations', { token: performer.token })).body.invitations;
const mark = (performer: User, invitationId: string, status: string) =>
  api<InvitationView>('PUT', `/me/invitations/${invitationId}`, { token: performer.token, body: { status } });
const patchMe = (user: User, body: unknown) => api('PATCH', '/me', { token: user.token, body });

describe('invitations to audition', () => {
  let director: User;
  let otherDirector: User;
  let performer: User;
  let second: User;
  let unlisted: User;
  let performance: CreatedPerformance;

  beforeAll(async () => {
    [director, otherDirector, performer, second, unlisted] = await Promise.all([
      signedUpUser('director', { timeZone: 'Europe/London' }),
      signedUpUser('director'),
      signedUpUser('performer', { name: 'Ivy Invited', timeZone: 'America/New_York' }),
      signedUpUser('performer', { name: 'Sam Second' }),
      signedUpUser('performer'),
    ]);
    for (const listed of [performer, second]) expect((await patchMe(listed, { listed: true })).status).toBe(200);
    performance = await createPerformance(director.token, {
      slots: [
        { start: venueDateTime(5, '10:00', 'Europe/London'), durationMinutes: 30, capacity: 5 },
        { start: venueDateTime(6, '14:00', 'Europe/London'), durationMinutes: 30, capacity: 5 },
      ],
    });
  });

  it('invites a listed performer with one email linking to the sign-up; both sides see the status', async () => {
    const slotId = performance.slots[1]?.slotId as string;
    const sent = await invite(director, performance.performanceId, {
      performerId: performer.userId,
      slotId,
      message: 'We loved your reel.\nCome and sing for us.',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const invitationId = `${performance.performanceId}_${performer.userId}`;
    expect(sent.body).toMatchObject({
      invitationId,
      performanceId: performance.performanceId,
      performerId: performer.userId,
      performerName: 'Ivy Invited',
      venue: { name: 'The Globe', city: 'London', timeZone: 'Europe/London' },
      slot: { slotId },
      message: 'We loved your reel.\nCome and sing for us.',
      status: 'sent',
    });

    // The email: once, with the link that opens the sign-up with the slot chosen, the time in the performer's zone.
    const [email] = await eventually(
      () => emailsTo(performer.email),
      (emails) => emails.some((e) => e.subject.includes('invites you to audition')),
    );
    const link = `${webBaseUrl()}/performances/${performance.performanceId}?invitation=${invitationId}&slot=${slotId}`;
    expect(email?.body.text).toContain(link);
    expect(email?.body.html).toContain(`href="${link.replace('&', '&amp;')}"`);
    expect(email?.body.text).toContain('Come and sing for us.');
    const start = new Date(String(sent.body.slot?.startsAt.utc));
    expect(email?.body.text).toContain(formatForRecipient(start, 'America/New_York', 'Europe/London'));

    // The performer's list: the performance, venue and slot, in their zone.
    const [mine] = await myInvitations(performer);
    expect(mine).toMatchObject({ invitationId, title: sent.body.title, status: 'sent', slot: { slotId } });
    expect(mine?.slot?.startsAt.reader).toMatch(/-0[45]:00$/);

    expect((await mark(performer, invitationId, 'opened')).body.status).toBe('opened');
    const listed = await directorList(director, performance.performanceId);
    expect(listed.body.invitations.map((i) => [i.performerId, i.status])).toEqual([[performer.userId, 'opened']]);

    // Signed up: derived from the sign-up while it is active, on both sides.
    const signUp = await api('POST', `/performances/${performance.performanceId}/signup`, {
      token: performer.token,
      body: { slotId, characterIds: [performance.characters[0]?.characterId] },
    });
    expect(signUp.status).toBe(201);
    expect((await directorList(director, performance.performanceId)).body.invitations[0]?.status).toBe('signed-up');
    expect((await myInvitations(performer))[0]?.status).toBe('signed-up');
    const withdrawn = await api('DELETE', `/performances/${performance.performanceId}/signup`, {
      token: performer.token,
    });
    expect(withdrawn.status).toBe(200);
    expect((await directorList(director, performance.performanceId)).body.invitations[0]?.status).toBe('opened');

    // Declined; opening it again leaves it declined.
    expect((await mark(performer, invitationId, 'declined')).body.status).toBe('declined');
    expect((await mark(performer, invitationId, 'opened')).body.status).toBe('declined');
    expect((await directorList(director, performance.performanceId)).body.invitations[0]?.status).toBe('declined');

    // Exactly one invitation email, however long we wait for another.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const invitations = (await emailsTo(performer.email)).filter((e) => e.subject.includes('invites you to audition'));
    expect(invitations).toHaveLength(1);
  });

  it('refuses a second invitation, an unknown, unlisted or director id, a foreign slot and a long message', async () => {
    const other = await createPerformance(director.token);
    expect((await invite(director, other.performanceId, { performerId: second.userId })).status).toBe(201);
    const again = await invite(director, other.performanceId, { performerId: second.userId, message: 'Again' });
    expect([again.status, again.body.code]).toEqual([409, 'already-invited']);
    expect(again.contentType).toContain('application/problem+json');

    for (const performerId of ['no-such-user', unlisted.userId, otherDirector.userId]) {
      const refused = await invite(director, other.performanceId, { performerId });
      expect([refused.status, refused.body.code], performerId).toEqual([404, 'performer-not-found']);
    }
    const foreignSlot = await invite(director, other.performanceId, {
      performerId: performer.userId,
      slotId: performance.slots[0]?.slotId,
    });
    expect([foreignSlot.status, foreignSlot.body.code]).toEqual([400, 'invalid-reference']);
    const long = await invite(director, other.performanceId, {
      performerId: performer.userId,
      message: 'x'.repeat(1001),
    });
    expect([long.status, long.body.code]).toEqual([400, 'validation-failed']);
    // Only the one invitation was stored.
    const listed = await directorList(director, other.performanceId);
    expect(listed.body.invitations.map((i) => i.performerId)).toEqual([second.userId]);
  });

  it('answers another director 404 for a performance that is not theirs, and a performer 404 for others’ invitations', async () => {
    const foreign = await invite(otherDirector, performance.performanceId, { performerId: second.userId });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'not-found']);
    expect((await directorList(otherDirector, performance.performanceId)).status).toBe(404);
    const invitationId = `${performance.performanceId}_${performer.userId}`;
    const notTheirs = await mark(second, invitationId, 'declined');
    expect([notTheirs.status, notTheirs.body.code]).toEqual([404, 'not-found']);
    expect((await mark(second, 'not an id', 'declined')).status).toBe(400);
    expect((await myInvitations(second)).map((i) => i.invitationId)).not.toContain(invitationId);
  });

  it('lets a performer turn invitations off (409 invitations-off) and on again; a director cannot', async () => {
    const target = await signedUpUser('performer');
    expect((await patchMe(target, { listed: true })).status).toBe(200);
    expect((await api<{ invitations?: boolean }>('GET', '/me', { token: target.token })).body.invitations).toBe(true);
    const off = await patchMe(target, { invitations: false });
    expect([off.status, (off.body as { invitations?: boolean }).invitations]).toEqual([200, false]);
    const refused = await invite(director, performance.performanceId, { performerId: target.userId });
    expect([refused.status, refused.body.code]).toEqual([409, 'invitations-off']);
    expect((await patchMe(director, { invitations: false })).status).toBe(400);
    expect((await patchMe(target, { invitations: true })).status).toBe(200);
    expect((await invite(director, performance.performanceId, { performerId: target.userId })).status).toBe(201);
  });

  it(`refuses a director's invitation past ${invitationsPerDirectorPerDay} in a UTC day with 429 and Retry-After`, async () => {
    const busy = await signedUpUser('director');
    const own = await createPerformance(busy.token);
    // As if the director had sent all but one of the day's invitations already.
    const { day } = invitationDay(new Date());
    await documentClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.invitationCount(busy.userId, day),
        UpdateExpression: 'SET invitations = :sent',
        ExpressionAttributeValues: { ':sent': invitationsPerDirectorPerDay - 1 },
      }),
    );
    expect((await invite(busy, own.performanceId, { performerId: performer.userId })).status).toBe(201);
    const refused = await invite(busy, own.performanceId, { performerId: second.userId });
    expect([refused.status, refused.body.code]).toEqual([429, 'invitation-limit']);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: table(), Key: keys.invitationCount(busy.userId, day), ConsistentRead: true }),
    );
    expect(Item?.invitations).toBe(invitationsPerDirectorPerDay);
    expect((await directorList(busy, own.performanceId)).body.invitations.map((i) => i.performerId)).toEqual([
      performer.userId,
    ]);
    // The second performer got nothing from this director.
    expect((await myInvitations(second)).map((i) => i.performanceId)).not.toContain(own.performanceId);
  });
});
