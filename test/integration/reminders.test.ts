import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { plannedReminder } from '../../src/domain/reminder';
import { api, signedUpUser } from '../support/api';
import { createPerformance } from '../support/fixtures';
import { attachmentText, emailsTo, eventually } from '../support/outbox';

interface Report {
  sent: number;
  dropped: number;
  recipients: number;
}

/** Runs the quarter-hour dispatcher as EventBridge would at `time`: the controlled clock of these tests. */
const dispatchAt = async (time: Date) =>
  (await api<Report>('POST', '/__local/schedules/reminder-dispatcher', { body: { time: time.toISOString() } })).body;

const quarterHour = 15 * 60_000;
const reminders = async (address: string) => (await emailsTo(address)).filter((e) => e.subject.startsWith('Reminder'));

describe('reminders at 19:00 the evening before, in the performer’s zone', () => {
  it('sends one message per slot and instant, one email per performer, once; none after withdrawal', async () => {
    const director = await signedUpUser('director');
    const slotStart = '2031-01-15T10:00';
    const created = await createPerformance(director.token, {
      slots: [{ start: slotStart, durationMinutes: 30, capacity: 10 }],
    });
    const [chicago1, chicago2, kathmandu, quitter] = await Promise.all([
      signedUpUser('performer', { timeZone: 'America/Chicago' }),
      signedUpUser('performer', { timeZone: 'America/Chicago' }),
      signedUpUser('performer', { timeZone: 'Asia/Kathmandu' }),
      signedUpUser('performer', { timeZone: 'America/Chicago' }),
    ]);
    for (const p of [chicago1, chicago2, kathmandu, quitter]) {
      const response = await api('POST', `/performances/${created.performanceId}/signup`, {
        token: p.token,
        body: { slotId: created.slots[0]?.slotId, characterIds: [created.characters[0]?.characterId] },
      });
      expect(response.status).toBe(201);
    }
    expect(
      (await api('DELETE', `/performances/${created.performanceId}/signup`, { token: quitter.token })).status,
    ).toBe(200);

    const plan = (zone: string) =>
      plannedReminder({
        slotStart,
        venueTimeZone: 'Europe/London',
        performerTimeZone: zone,
        signedUpAt: new Date(),
      }) as Date;
    const chicagoAt = plan('America/Chicago');
    const kathmanduAt = plan('Asia/Kathmandu');
    expect(chicagoAt.toISOString()).toBe('2031-01-15T01:00:00.000Z'); // 19:00 CST on the 14th
    expect(kathmanduAt.toISOString()).toBe('2031-01-14T13:15:00.000Z'); // 19:00 +05:45 on the 14th

    // The API shows the planned reminder in UTC and in the performer's own time.
    const { body: mine } = await api<{
      signUps: { performanceId: string; reminder?: { utc: string; reader: string } }[];
    }>('GET', '/me/signups', { token: chicago1.token });
    expect(mine.signUps.find((s) => s.performanceId === created.performanceId)?.reminder).toMatchObject({
      utc: '2031-01-15T01:00:00.000Z',
      reader: '2031-01-14T19:00-06:00',
    });

    expect((await dispatchAt(new Date(kathmanduAt.getTime() - quarterHour))).sent).toBe(0);
    expect((await dispatchAt(kathmanduAt)).sent).toBe(1);
    expect((await dispatchAt(new Date(chicagoAt.getTime() - quarterHour))).sent).toBe(0);
    const atChicago = await dispatchAt(chicagoAt);
    expect(atChicago).toMatchObject({ sent: 1, recipients: 2 });
    expect((await dispatchAt(chicagoAt)).sent).toBe(0); // a second run at the same time sends nothing

    for (const p of [chicago1, chicago2, kathmandu]) {
      const got = await eventually(
        () => reminders(p.email),
        (emails) => emails.length >= 1,
      );
      expect(got, p.email).toHaveLength(1);
    }
    const [chicagoEmail] = await reminders(chicago1.email);
    expect(chicagoEmail?.body.text).toContain('04:00 CST');
    expect(await reminders(quitter.email)).toHaveLength(0);
  });

  it('plans no reminder for a sign-up made after the reminder time (the confirmation stands in)', async () => {
    const [director, performer] = await Promise.all([
      signedUpUser('director'),
      signedUpUser('performer', { timeZone: 'Europe/London' }),
    ]);
    // An audition two hours from now: 19:00 on the evening before its date has always passed.
    const slotStart = DateTime.now().setZone('Europe/London').plus({ hours: 2 }).toFormat("yyyy-MM-dd'T'HH:mm");
    const created = await createPerformance(director.token, {
      slots: [{ start: slotStart, durationMinutes: 30, capacity: 2 }],
    });
    const response = await api<{ reminder?: unknown }>('POST', `/performances/${created.performanceId}/signup`, {
      token: performer.token,
      body: { slotId: created.slots[0]?.slotId, characterIds: [created.characters[0]?.characterId] },
    });
    expect(response.status).toBe(201);
    expect(response.body.reminder).toBeUndefined();
    const confirmation = await eventually(
      () => emailsTo(performer.email),
      (emails) => emails.length >= 1,
    );
    expect(confirmation[0]?.subject).toMatch(/^Audition confirmed/);
  });

  it('cancels the audition with METHOD:CANCEL when the performance is deleted, and sends no reminder', async () => {
    const director = await signedUpUser('director');
    const performer = await signedUpUser('performer', { timeZone: 'America/New_York' });
    const slotStart = '2031-02-20T18:00';
    const created = await createPerformance(director.token, {
      slots: [{ start: slotStart, durationMinutes: 30, capacity: 2 }],
    });
    await api('POST', `/performances/${created.performanceId}/signup`, {
      token: performer.token,
      body: { slotId: created.slots[0]?.slotId, characterIds: [created.characters[0]?.characterId] },
    });
    const confirmation = await eventually(
      () => emailsTo(performer.email),
      (emails) => emails.length >= 1,
    );
    const request = attachmentText(confirmation[0]?.attachments?.[0] ?? { content: '' });
    expect(request).toContain('METHOD:REQUEST');
    const uid = /UID:(.+)\r\n/.exec(request)?.[1];

    expect((await api('DELETE', `/performances/${created.performanceId}`, { token: director.token })).status).toBe(204);
    const emails = await eventually(
      () => emailsTo(performer.email),
      (all) => all.some((e) => e.subject.includes('cancelled')),
    );
    const cancellation = emails.find((e) => e.subject.includes('cancelled'));
    const cancel = attachmentText(cancellation?.attachments?.[0] ?? { content: '' });
    expect(cancel).toContain('METHOD:CANCEL');
    expect(cancel).toContain(`UID:${uid}`);
    const { body: mine } = await api<{ signUps: { performanceId: string; status: string }[] }>('GET', '/me/signups', {
      token: performer.token,
    });
    expect(mine.signUps.find((s) => s.performanceId === created.performanceId)?.status).toBe('cancelled');

    const at = plannedReminder({
      slotStart,
      venueTimeZone: 'Europe/London',
      performerTimeZone: 'America/New_York',
      signedUpAt: new Date(),
    });
    await dispatchAt(at as Date);
    expect(await reminders(performer.email)).toHaveLength(0);
  });

  it('re-plans the reminder when the performer changes time zone', async () => {
    const director = await signedUpUser('director');
    const performer = await signedUpUser('performer', { timeZone: 'Europe/London' });
    const created = await createPerformance(director.token, {
      slots: [{ start: '2031-03-10T12:00', durationMinutes: 30, capacity: 2 }],
    });
    await api('POST', `/performances/${created.performanceId}/signup`, {
      token: performer.token,
      body: { slotId: created.slots[0]?.slotId, characterIds: [created.characters[0]?.characterId] },
    });
    expect((await api('PATCH', '/me', { token: performer.token, body: { timeZone: 'Asia/Tokyo' } })).status).toBe(200);
    const { body } = await api<{ signUps: { performanceId: string; reminder?: { utc: string; reader: string } }[] }>(
      'GET',
      '/me/signups',
      { token: performer.token },
    );
    // 12:00 GMT on the 10th is 21:00 in Tokyo on the 10th: the reminder is 19:00 JST on the 9th.
    expect(body.signUps.find((s) => s.performanceId === created.performanceId)?.reminder).toMatchObject({
      utc: '2031-03-09T10:00:00.000Z',
      reader: '2031-03-09T19:00+09:00',
    });
  });
});
