import { DateTime } from 'luxon';
import { api } from './api';

/** A local date-time `days` from now at `time` in the zone, e.g. venueDateTime(3, '10:00', 'Europe/London'). */
export function venueDateTime(days: number, time: string, zone: string): string {
  return `${DateTime.now().setZone(zone).plus({ days }).toFormat('yyyy-MM-dd')}T${time}`;
}

let counter = 0;

/** A valid performance body; pass overrides for what a test cares about. */
export function performanceBody(overrides: Record<string, unknown> = {}) {
  counter += 1;
  const zone = (overrides.timeZone as string | undefined) ?? 'Europe/London';
  return {
    title: `Hamlet ${counter}`,
    description: 'A bold new staging of the tragedy.',
    kind: 'live',
    director: { name: 'Ann Director', email: 'ann.director@example.com', phone: '+442071838750' },
    castingDirector: { name: 'Cas Ting', email: 'cas.ting@example.com', phone: '+442071838751' },
    venue: { name: 'The Globe', address: '21 New Globe Walk', city: 'London', country: 'GB', timeZone: zone },
    dates: [venueDateTime(60, '19:30', zone), venueDateTime(61, '19:30', zone)],
    characters: [
      { name: 'Hamlet', attributes: { gender: 'male', ageMin: 25, ageMax: 40 } },
      { name: 'Ophelia', attributes: { gender: 'female', voiceType: 'soprano' }, places: 1 },
    ],
    slots: [{ start: venueDateTime(5, '10:00', zone), durationMinutes: 30, capacity: 5 }],
    ...Object.fromEntries(Object.entries(overrides).filter(([key]) => key !== 'timeZone')),
  };
}

export interface CreatedPerformance {
  performanceId: string;
  version: number;
  slots: { slotId: string; start: string; remaining: number }[];
  characters: { characterId: string; name: string }[];
}

export async function createPerformance(
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<CreatedPerformance> {
  const response = await api<CreatedPerformance>('POST', '/performances', { token, body: performanceBody(overrides) });
  if (response.status !== 201) throw new Error(`create failed: ${JSON.stringify(response.body)}`);
  return response.body;
}
