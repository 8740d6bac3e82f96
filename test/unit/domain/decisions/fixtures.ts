import fc from 'fast-check';
import type { Performance } from '../../../../src/domain/performance';
import type { Profile } from '../../../../src/domain/profile';
import { signUp } from '../../../../src/domain/sign-up-decisions';
import type { SignUpRecord, SignUpStatus } from '../../../../src/domain/signup';

/** A performance in London with two slots (10:00 on 28 March and 14:00 on 4 April 2027) and two characters. */
export const performance: Performance = {
  performanceId: 'p1',
  ownerId: 'owner',
  version: 4,
  title: 'Hamlet',
  description: '',
  kind: 'live',
  director: { name: 'Dee', email: 'dee@example.com', phone: '+442071838750' },
  castingDirector: { name: 'Cas', email: 'cas@example.com', phone: '+442071838751' },
  venue: { name: 'Globe', address: '21 New Globe Walk', city: 'London', country: 'GB', timeZone: 'Europe/London' },
  dates: ['2027-06-01T19:30'],
  characters: [
    { characterId: 'hamlet', name: 'Hamlet', description: '', attributes: {}, places: 1 },
    { characterId: 'ophelia', name: 'Ophelia', description: '', attributes: {}, places: 2 },
  ],
  slots: [
    {
      slotId: 's1',
      start: '2027-03-28T10:00',
      durationMinutes: 30,
      capacity: 3,
      location: { name: 'Globe', address: 'a' },
    },
    {
      slotId: 's2',
      start: '2027-04-04T14:00',
      durationMinutes: 30,
      capacity: 1,
      location: { name: 'Globe', address: 'a' },
    },
  ],
  castingClosed: false,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
};

export const performer = (userId = 'pat', timeZone = 'Europe/London'): Profile => ({
  userId,
  role: 'performer',
  name: `Performer ${userId}`,
  email: `${userId}@example.com`,
  phone: '+447700900123',
  timeZone,
  createdAt: '2027-01-01T00:00:00.000Z',
});

/** 10:00 on 1 March 2027 in London: before every slot and every reminder. */
export const early = new Date('2027-03-01T10:00:00Z');

type SignUpOptions = { performerId?: string; slotId?: string; status?: SignUpStatus; timeZone?: string; at?: Date };
const stored = new Map<string, SignUpRecord>();

/** A sign-up as signing up at `at` stores it, then put in `status` (kept, so properties generate them cheaply). */
export function storedSignUp(options: SignUpOptions = {}): SignUpRecord {
  const key = JSON.stringify(options);
  const record = stored.get(key) ?? buildSignUp(options);
  stored.set(key, record);
  return record;
}

function buildSignUp(options: SignUpOptions): SignUpRecord {
  const who = performer(options.performerId ?? 'pat', options.timeZone);
  const request = { signUpId: `su-${who.userId}`, slotId: options.slotId ?? 's1', characterIds: ['hamlet'] };
  const record = signUp({ performance }, who, request, options.at ?? early).signUp;
  const status = options.status ?? 'signed-up';
  if (status === 'signed-up') return record;
  return {
    ...record,
    status,
    reminderAt: undefined,
    history: [...record.history, { status, at: early.toISOString() }],
    ...(status === 'cast' ? { castAs: 'hamlet', castAsName: 'Hamlet' } : {}),
  };
}

/** IANA zones from far west to far east, with and without daylight saving. */
export const zones = fc.constantFrom(
  'Pacific/Honolulu',
  'America/Los_Angeles',
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Pacific/Auckland',
  'Pacific/Kiritimati',
);

/** A moment within a few days either side of the first slot (10:00 BST on 28 March 2027). */
export const aroundFirstSlot = fc
  .integer({ min: -5 * 24 * 60, max: 2 * 24 * 60 })
  .map((minutes) => new Date(Date.parse('2027-03-28T09:00:00Z') + minutes * 60_000));
