import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailsFor, linkFor } from '../../../src/domain/notification-emails';
import type { Notification, NotificationKind } from '../../../src/domain/notifications';

const base = 'https://app.example.org';
const performance = {
  performanceId: 'perf-1',
  title: 'Hamlet',
  venue: {
    name: 'Globe',
    address: '21 New Globe Walk',
    city: 'London',
    country: 'United Kingdom',
    timeZone: 'Europe/London',
  },
  director: { name: 'Ann Lee', email: 'ann@example.com' },
};
const slot = {
  slotId: 'slot-1',
  startsAt: '2027-03-28T09:00:00.000Z',
  durationMinutes: 20,
  location: { name: 'Globe', address: '21 New Globe Walk' },
};
const reader = { name: 'Bo Park', email: 'bo@example.com', timeZone: 'America/Los_Angeles' };
const team = [
  { name: 'Ann Lee', email: 'ann@example.com', timeZone: 'Europe/London' },
  { name: 'Cas Ting', email: 'cas@example.com', timeZone: 'America/New_York' },
];
const about = { performance, slot, signUpId: 'su-1', characters: ['Ophelia'] };
const invite = { sequence: 2, issuedAt: '2027-03-02T08:00:00.000Z' };
const performer = { name: 'Bo Park', email: 'bo@example.com', phone: '+14155550123' };
const signUps = `${base}/performances/perf-1/signups`;
const myAuditions = `${base}/my/auditions`;
const performancePage = `${base}/performances/perf-1`;

/** One notification of every kind, and the page its emails must link to (typed so a new kind cannot be missed). */
const cases: Record<NotificationKind, [Notification, string][]> = {
  'signup-received': [[{ kind: 'signup-received', ...about, to: team, performer }, signUps]],
  'withdrawal-received': [[{ kind: 'withdrawal-received', ...about, to: team, performer }, signUps]],
  'signup-confirmation': [[{ kind: 'signup-confirmation', ...about, to: reader }, myAuditions]],
  withdrawal: [[{ kind: 'withdrawal', ...about, to: reader }, performancePage]],
  cast: [[{ kind: 'cast', ...about, to: reader, character: 'Ophelia' }, myAuditions]],
  'cast-undone': [
    [{ kind: 'cast-undone', ...about, to: reader, character: 'Ophelia' }, myAuditions],
    [
      { kind: 'cast-undone', ...about, to: reader, character: 'Ophelia', moved: { previousSlot: slot, invite } },
      myAuditions,
    ],
  ],
  'not-cast': [[{ kind: 'not-cast', ...about, to: reader }, myAuditions]],
  cancellation: [
    [{ kind: 'cancellation', ...about, to: reader, reason: 'slot-removed' }, performancePage],
    [{ kind: 'cancellation', ...about, to: reader, reason: 'casting-closed' }, myAuditions],
    [{ kind: 'cancellation', ...about, to: reader, reason: 'performance-deleted' }, myAuditions],
  ],
  'slot-moved': [[{ kind: 'slot-moved', ...about, to: reader, previousSlot: slot }, myAuditions]],
  reminder: [[{ kind: 'reminder', performance, slot, to: [reader] }, myAuditions]],
  invitation: [
    [
      { kind: 'invitation', performance, to: reader, invitationId: 'perf-1_u-1' },
      `${performancePage}?invitation=perf-1_u-1`,
    ],
  ],
  'registration-attempted': [
    [{ kind: 'registration-attempted', to: { name: 'Bo Park', email: 'bo@example.com' } }, `${base}/sign-in`],
  ],
};

describe('emailsFor: every email links to the page where its reader acts on it', () => {
  const rows = Object.values(cases)
    .flat()
    .map(([n, page]) => [n.kind === 'cancellation' ? `cancellation (${n.reason})` : n.kind, n, page] as const);
  it.each(rows)('%s', (_kind, notification, page) => {
    const emails = emailsFor(notification, 'outbox-1', new Date('2027-03-01T12:00:00Z'), base);
    expect(emails.length).toBeGreaterThan(0);
    for (const email of emails) {
      expect(email.text).toContain(page);
      expect(email.html).toContain(`href="${page}"`);
    }
  });

  it('joins the base URL and the path with exactly one slash', () => {
    const [email] = emailsFor(cases.withdrawal[0]![0], 'outbox-1', new Date(), `${base}/`);
    expect(email?.text).toContain(performancePage);
    expect(email?.text).not.toContain(`${base}//`);
  });
});

describe('linkFor: every link is absolute, on the configured web base URL, with its ids encoded', () => {
  const kinds = Object.values(cases).flat();
  it('reads back every id it was given, whatever characters the ids hold', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('https://app.example.org', 'https://app.example.org/', 'https://d1.cloudfront.net/audition'),
        fc.string({ minLength: 1, unit: 'grapheme' }),
        fc.string({ minLength: 1, unit: 'grapheme' }),
        fc.string({ minLength: 1, unit: 'grapheme' }),
        fc.constantFrom(...kinds),
        (webBaseUrl, performanceId, invitationId, slotId, [template]) => {
          const notification = withIds(template, performanceId, invitationId, slotId);
          const { url } = linkFor(notification, webBaseUrl);
          const base = webBaseUrl.replace(/\/+$/, '');
          expect(url.startsWith(`${base}/`)).toBe(true);
          const parsed = new URL(url);
          expect(parsed.href).toBe(url);
          const path = parsed.pathname.slice(new URL(base).pathname.replace(/\/$/, '').length);
          const segments = path.split('/').slice(1);
          if (segments[0] === 'performances') {
            expect(segments.length).toBeLessThanOrEqual(3);
            expect(decodeURIComponent(segments[1]!)).toBe(performanceId);
          }
          if (notification.kind === 'invitation') {
            expect(parsed.searchParams.get('invitation')).toBe(invitationId);
            expect(parsed.searchParams.get('slot')).toBe(slotId);
            expect(parsed.hash).toBe('');
          } else {
            expect(parsed.search).toBe('');
          }
        },
      ),
    );
  });
});

/** The notification with the given ids in place of the example's. */
function withIds(n: Notification, performanceId: string, invitationId: string, slotId: string): Notification {
  if (n.kind === 'registration-attempted') return n;
  const renamed = { ...n, performance: { ...n.performance, performanceId } };
  if (renamed.kind === 'invitation') return { ...renamed, invitationId, slot: { ...slot, slotId } };
  return renamed;
}

describe('emailsFor: a cast-undone email carries a calendar update only when its audition moved', () => {
  it('attaches the recorded invite (its SEQUENCE, DTSTAMP and the slot as it is now), and nothing otherwise', () => {
    const [unchanged, changed] = cases['cast-undone'].map(([n]) => emailsFor(n, 'outbox-1', new Date(), base));
    expect(unchanged?.[0]?.attachments).toBeUndefined();
    const attachments = changed?.[0]?.attachments ?? [];
    expect(attachments).toHaveLength(1);
    const ics = attachments[0]!.content.replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('UID:signup-su-1@audition-me');
    expect(ics).toContain('SEQUENCE:2');
    expect(ics).toContain('DTSTAMP:20270302T080000Z');
    expect(ics).toContain('DTSTART:20270328T090000Z');
  });
});
