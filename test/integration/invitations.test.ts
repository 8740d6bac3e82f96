import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { documentClient } from '../../src/adapters/dynamodb/document-client';
import { dynamoInvitationStore } from '../../src/adapters/dynamodb/invitation-store';
import { keys } from '../../src/adapters/dynamodb/keys';
import { dynamoPerformanceStore } from '../../src/adapters/dynamodb/performance-store';
import { dynamoProfileStore } from '../../src/adapters/dynamodb/profile-store';
import {
  CastingClosedError,
  InvitationLimitError,
  InvitationsOffError,
  NotFoundError,
  PerformerNotFoundError,
} from '../../src/domain/errors';
import { invitationDay, invitationsPerDirectorPerDay, invite as decideInvitation } from '../../src/domain/invitation';
import type { Profile } from '../../src/domain/profile';
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

/** A listed performer's profile, written straight into the table (no account needed to be invited by the store). */
async function listedPerformer(): Promise<Profile> {
  const userId = randomUUID();
  const profile: Profile = {
    userId,
    role: 'performer',
    name: `Listed ${userId.slice(0, 6)}`,
    email: `listed-${userId}@example.com`,
    phone: '+442071838750',
    timeZone: 'Europe/London',
    listed: true,
    createdAt: new Date().toISOString(),
  };
  expect(await dynamoProfileStore(table()).create(profile)).toBe(true);
  return profile;
}

/** Sets the director's count of invitations today. */
const setSentToday = (directorId: string, sent: number) =>
  documentClient().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.invitationCount(directorId, invitationDay(new Date()).day),
      UpdateExpression: 'SET invitations = :sent',
      ExpressionAttributeValues: { ':sent': sent },
    }),
  );

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
    await setSentToday(busy.userId, invitationsPerDirectorPerDay - 1);
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

  it('shows an invitation as closed or withdrawn once its performance closed casting or was deleted, read when shown', async () => {
    const [host, invitee] = await Promise.all([
      signedUpUser('director'),
      signedUpUser('performer', { name: 'Wren Waiting' }),
    ]);
    expect((await patchMe(invitee, { listed: true })).status).toBe(200);
    const slot = { start: venueDateTime(5, '10:00', 'Europe/London'), durationMinutes: 30, capacity: 5 };
    const [closing, declinedThenClosed, deleted, signedUpThenDeleted, older] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => createPerformance(host.token, { slots: [slot] })),
    );
    const all = [closing, declinedThenClosed, deleted, signedUpThenDeleted, older] as CreatedPerformance[];
    for (const p of all)
      expect((await invite(host, p.performanceId, { performerId: invitee.userId })).status).toBe(201);
    const idOf = (p: CreatedPerformance) => `${p.performanceId}_${invitee.userId}`;
    const close = (p: CreatedPerformance) =>
      api('POST', `/performances/${p.performanceId}/close-casting`, { token: host.token });
    const remove = (p: CreatedPerformance) => api('DELETE', `/performances/${p.performanceId}`, { token: host.token });

    expect((await mark(invitee, idOf(declinedThenClosed as CreatedPerformance), 'declined')).status).toBe(200);
    const signUp = await api('POST', `/performances/${signedUpThenDeleted?.performanceId}/signup`, {
      token: invitee.token,
      body: {
        slotId: signedUpThenDeleted?.slots[0]?.slotId,
        characterIds: [signedUpThenDeleted?.characters[0]?.characterId],
      },
    });
    expect(signUp.status).toBe(201);
    for (const p of [closing, declinedThenClosed, older])
      expect((await close(p as CreatedPerformance)).status).toBe(202);
    for (const p of [deleted, signedUpThenDeleted]) expect((await remove(p as CreatedPerformance)).status).toBe(204);
    // A performance from before guards existed has none: its own item tells the state.
    await documentClient().send(
      new DeleteCommand({ TableName: table(), Key: keys.performanceGuard(older?.performanceId as string) }),
    );

    // Right after the deletion, before the stream cancels the sign-up: withdrawn, never signed-up.
    const shown = Object.fromEntries((await myInvitations(invitee)).map((i) => [i.invitationId, i.status]));
    expect(shown).toEqual({
      [idOf(closing as CreatedPerformance)]: 'closed',
      [idOf(declinedThenClosed as CreatedPerformance)]: 'declined',
      [idOf(deleted as CreatedPerformance)]: 'withdrawn',
      [idOf(signedUpThenDeleted as CreatedPerformance)]: 'withdrawn',
      [idOf(older as CreatedPerformance)]: 'closed',
    });
    // The director sees the same of a performance still theirs; a deleted one's list is gone with it.
    const hosted = await directorList(host, closing?.performanceId as string);
    expect(hosted.body.invitations.map((i) => i.status)).toEqual(['closed']);
    expect((await directorList(host, deleted?.performanceId as string)).status).toBe(404);
    // Marking a withdrawn invitation changes nothing a person sees.
    const marked = await mark(invitee, idOf(deleted as CreatedPerformance), 'opened');
    expect([marked.status, marked.body.status]).toEqual([200, 'withdrawn']);
  });

  it('keeps an invitation already received when its performer unlists or turns invitations off', async () => {
    const [host, invitee] = await Promise.all([signedUpUser('director'), signedUpUser('performer')]);
    expect((await patchMe(invitee, { listed: true })).status).toBe(200);
    const own = await createPerformance(host.token);
    expect((await invite(host, own.performanceId, { performerId: invitee.userId })).status).toBe(201);
    expect((await patchMe(invitee, { listed: false, invitations: false })).status).toBe(200);
    // No new invitations, but the one received stands on both sides and still opens the sign-up.
    const again = await createPerformance(host.token);
    const refused = await invite(host, again.performanceId, { performerId: invitee.userId });
    expect([refused.status, refused.body.code]).toEqual([404, 'performer-not-found']);
    expect((await myInvitations(invitee)).map((i) => [i.performanceId, i.status])).toEqual([
      [own.performanceId, 'sent'],
    ]);
    expect((await directorList(host, own.performanceId)).body.invitations.map((i) => i.status)).toEqual(['sent']);
    const signUp = await api('POST', `/performances/${own.performanceId}/signup`, {
      token: invitee.token,
      body: { slotId: own.slots[0]?.slotId, characterIds: [own.characters[0]?.characterId] },
    });
    expect(signUp.status).toBe(201);
    expect((await directorList(host, own.performanceId)).body.invitations.map((i) => i.status)).toEqual(['signed-up']);
  });

  it('leaves the races to the database: a stale read invites nobody unlisted or opted out, and no burst passes the limit', async () => {
    const store = dynamoInvitationStore(table());
    const profiles = dynamoProfileStore(table());
    const hurried = await signedUpUser('director');
    const created = await createPerformance(hurried.token);
    const { performance: own } = await dynamoPerformanceStore(table()).read(created.performanceId);
    const now = new Date();
    const [a, b, c, d, e] = await Promise.all([1, 2, 3, 4, 5].map(() => listedPerformer()));

    // Decided while listed and taking invitations; changed before the write.
    const unlistedSince = decideInvitation(own, a as Profile, { performerId: a?.userId as string }, now);
    await profiles.update(a?.userId as string, { listed: false });
    await expect(store.send(unlistedSince, now)).rejects.toThrow(PerformerNotFoundError);
    const offSince = decideInvitation(own, b as Profile, { performerId: b?.userId as string }, now);
    await profiles.update(b?.userId as string, { invitations: false });
    await expect(store.send(offSince, now)).rejects.toThrow(InvitationsOffError);

    // Two places left today, four invitations at once: two pass, two are refused, the count stops at the limit.
    await setSentToday(hurried.userId, invitationsPerDirectorPerDay - 2);
    const burst = await Promise.allSettled(
      [b, c, d, e].map((p) =>
        store.send(
          decideInvitation(own, { ...(p as Profile), invitations: true }, { performerId: p?.userId as string }, now),
          now,
        ),
      ),
    );
    // b turned invitations off: refused for that, whatever the count.
    expect(burst[0]).toMatchObject({ status: 'rejected', reason: expect.any(InvitationsOffError) });
    const others = burst.slice(1);
    expect(others.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(others.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([
      expect.any(InvitationLimitError),
    ]);
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: table(),
        Key: keys.invitationCount(hurried.userId, invitationDay(now).day),
        ConsistentRead: true,
      }),
    );
    expect(Item?.invitations).toBe(invitationsPerDirectorPerDay);

    // Decided while casting was open; closed, then deleted, before the write.
    await setSentToday(hurried.userId, 0);
    const [f, g] = await Promise.all([listedPerformer(), listedPerformer()]);
    const beforeClose = decideInvitation(own, f, { performerId: f.userId }, now);
    expect(
      (await api('POST', `/performances/${own.performanceId}/close-casting`, { token: hurried.token })).status,
    ).toBe(202);
    await expect(store.send(beforeClose, now)).rejects.toThrow(CastingClosedError);
    const other = await createPerformance(hurried.token);
    const { performance: doomed } = await dynamoPerformanceStore(table()).read(other.performanceId);
    const beforeDelete = decideInvitation(doomed, g, { performerId: g.userId }, now);
    expect((await api('DELETE', `/performances/${doomed.performanceId}`, { token: hurried.token })).status).toBe(204);
    await expect(store.send(beforeDelete, now)).rejects.toThrow(NotFoundError);
  });
});
