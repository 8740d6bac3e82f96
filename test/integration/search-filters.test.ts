import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, signedUpUser } from '../support/api';
import { createPerformance, venueDateTime } from '../support/fixtures';
import { eventually } from '../support/outbox';

/**
 * Every search parameter, alone and with every other, answered by the API (walked across all its pages) and by a
 * small reference filter written here from the product's rules, over performances only this file creates.
 */

interface Result {
  performanceId: string;
  title: string;
  nextAudition: string | null;
  firstDate?: string;
  lastDate?: string;
}
interface Page {
  results: Result[];
  next: string | null;
}

interface Character {
  name: string;
  attributes: { gender?: string; voiceType?: string; ageMin?: number; ageMax?: number };
}
interface Spec {
  title: string;
  kind: 'live' | 'filmed';
  venue: { name: string; address: string; city: string; country: string; timeZone: string };
  /** Local date-times at the venue. */
  dates: string[];
  characters: Character[];
  /** Days from now of the audition slots (10:00 at the venue). */
  slotDays: number[];
}

const marker = `zf${Date.now().toString(36)}`; // a keyword only this file's performances have

const venue = (name: string, city: string, country: string, timeZone: string) => ({
  name,
  address: '1 Stage Door',
  city,
  country,
  timeZone,
});

const specs: Spec[] = [
  {
    title: 'Twelfth Night',
    kind: 'live',
    venue: venue('The Globe', 'London', 'GB', 'Europe/London'),
    dates: ['2027-01-09T19:30', '2027-01-10T19:30', '2027-01-11T19:30'],
    characters: [
      { name: 'Viola', attributes: { gender: 'female', voiceType: 'mezzo-soprano', ageMin: 20, ageMax: 30 } },
      { name: 'Orsino', attributes: { gender: 'male', voiceType: 'baritone', ageMin: 30, ageMax: 45 } },
    ],
    slotDays: [3],
  },
  {
    // West of UTC: the evening shows fall on the next day in UTC.
    title: 'Sunset Boulevard',
    kind: 'live',
    venue: venue('Pantages', 'Los Angeles', 'US', 'America/Los_Angeles'),
    dates: ['2026-12-30T19:30', '2027-01-01T20:00'],
    characters: [{ name: 'Norma', attributes: { gender: 'any', ageMin: 90 } }],
    slotDays: [4],
  },
  {
    // East of UTC: the morning shows fall on the day before in UTC.
    title: 'Pirates of Penzance',
    kind: 'live',
    venue: venue('Civic Theatre', 'Auckland', 'NZ', 'Pacific/Auckland'),
    dates: ['2027-01-31T10:00', '2027-02-02T10:00'],
    characters: [{ name: 'Frederic', attributes: { gender: 'male', voiceType: 'tenor', ageMin: 40, ageMax: 60 } }],
    slotDays: [5],
  },
  {
    title: 'Studio Drama',
    kind: 'filmed',
    venue: venue('Studio 8', 'New York', 'US', 'America/New_York'),
    dates: [],
    characters: [{ name: 'Juliet', attributes: { gender: 'female', voiceType: 'soprano', ageMin: 18, ageMax: 25 } }],
    slotDays: [2],
  },
  {
    // Its dates straddle 10–15 Jan without one falling inside.
    title: 'Winter Tale',
    kind: 'live',
    venue: venue('Old Vic', 'London', 'GB', 'Europe/London'),
    dates: ['2027-01-05T19:30', '2027-01-20T19:30'],
    characters: [{ name: 'Perdita', attributes: { gender: 'non-binary', voiceType: 'alto' } }],
    slotDays: [6, 8],
  },
  {
    title: 'Closed Chorus',
    kind: 'live',
    venue: venue('Royal Exchange', 'Manchester', 'GB', 'Europe/London'),
    dates: ['2027-01-10T19:30'],
    characters: [{ name: 'Boatswain', attributes: { gender: 'male', voiceType: 'bass', ageMin: 50, ageMax: 70 } }],
    slotDays: [],
  },
];

type Query = Record<string, string>;

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
const localDay = (dateTime: string) => dateTime.slice(0, 10);

/** The reference answer: which of `specs` match, by the rules of the design, in next-audition order. */
function expected(performances: { spec: Spec; id: string; next: string | null }[], query: Query) {
  const matches = ({ spec }: { spec: Spec }) => {
    const text = new Set(
      words(
        [spec.title, `Zz ${marker}`, ...spec.characters.map((c) => c.name), spec.venue.name, spec.venue.city].join(' '),
      ),
    );
    if (query.q && !words(query.q).every((w) => text.has(w))) return false;
    if (query.city && spec.venue.city.toLowerCase() !== query.city.toLowerCase()) return false;
    if (query.country && spec.venue.country !== query.country) return false;
    if (query.kind && spec.kind !== query.kind) return false;
    const days = spec.dates.map(localDay);
    if ((query.from || query.to) && !days.some((d) => (!query.from || d >= query.from) && (!query.to || d <= query.to)))
      return false;
    const age = query.age === undefined ? undefined : Number(query.age);
    const character = spec.characters.some(
      ({ attributes: a }) =>
        (!query.gender || a.gender === query.gender || a.gender === 'any') &&
        (!query.voiceType || a.voiceType === query.voiceType) &&
        (age === undefined ||
          ((a.ageMin !== undefined || a.ageMax !== undefined) && (a.ageMin ?? 0) <= age && age <= (a.ageMax ?? 120))),
    );
    if (!character) return false;
    return query.includeClosed === 'true' || spec.slotDays.length > 0;
  };
  return (
    performances
      .filter(matches)
      // Soonest next audition first; those with none open last.
      .sort((a, b) => (a.next === null ? 1 : b.next === null ? -1 : a.next < b.next ? -1 : 1))
      .map(({ spec, id }) => ({
        performanceId: id,
        firstDate: spec.dates.length ? spec.dates.map(localDay).sort()[0] : undefined,
        lastDate: spec.dates.length ? spec.dates.map(localDay).sort().at(-1) : undefined,
      }))
  );
}

/** One value or two for each parameter; `city` carries its country. */
const values: Record<string, Query[]> = {
  q: [{ q: 'twelfth' }, { q: 'viola night' }, { q: 'angeles' }, { q: 'globe' }],
  city: [
    { city: 'London', country: 'GB' },
    { city: 'los angeles', country: 'US' },
  ],
  country: [{ country: 'US' }, { country: 'NZ' }],
  from: [{ from: '2027-01-01' }, { from: '2027-01-10' }, { from: '2027-01-31' }, { from: '2027-02-03' }],
  to: [{ to: '2020-01-01' }, { to: '2026-12-30' }, { to: '2027-01-09' }, { to: '2027-01-31' }],
  kind: [{ kind: 'live' }, { kind: 'filmed' }],
  gender: [{ gender: 'female' }, { gender: 'male' }, { gender: 'non-binary' }],
  voiceType: [{ voiceType: 'soprano' }, { voiceType: 'tenor' }, { voiceType: 'bass' }],
  age: [{ age: '22' }, { age: '44' }, { age: '110' }],
  includeClosed: [{ includeClosed: 'true' }, { includeClosed: 'false' }],
};

/**
 * Every value of every parameter alone; every pair of parameters with each value of both taken at least once
 * (side by side, cycling the shorter list), and every from–to pair.
 */
function queries(): Query[] {
  const names = Object.keys(values);
  const all: Query[] = names.flatMap((name) => values[name] ?? []);
  names.forEach((a, i) =>
    names.slice(i + 1).forEach((b) => {
      if (a === 'city' && b === 'country') return;
      const [xs = [], ys = []] = [values[a], values[b]];
      if (a === 'from' && b === 'to') xs.forEach((x) => ys.forEach((y) => all.push({ ...x, ...y })));
      else
        for (let k = 0; k < Math.max(xs.length, ys.length); k++)
          all.push({ ...xs[k % xs.length], ...ys[k % ys.length] });
    }),
  );
  return all.filter((q) => !q.from || !q.to || q.from <= q.to);
}

describe('search parameters, alone and combined, against a reference filter', () => {
  let token = '';
  const performances: { spec: Spec; id: string; next: string | null }[] = [];

  const walk = async (query: Query) => {
    const results: Result[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const params = new URLSearchParams({ ...query, q: `${marker} ${query.q ?? ''}`.trim(), limit: '2' });
      if (cursor) params.set('cursor', cursor);
      const response = await api<Page>('GET', `/performances?${params.toString()}`, { token });
      expect(response.status, `${params.toString()} → ${JSON.stringify(response.body)}`).toBe(200);
      results.push(...response.body.results);
      cursor = response.body.next;
      if (!cursor) break;
    }
    return results;
  };

  beforeAll(async () => {
    const [director, performer] = await Promise.all([signedUpUser('director'), signedUpUser('performer')]);
    token = performer.token;
    for (const spec of specs) {
      const zone = spec.venue.timeZone;
      const slots = spec.slotDays.map((days) => venueDateTime(days, '10:00', zone));
      const created = await createPerformance(director.token, {
        timeZone: zone,
        title: spec.title,
        description: `Zz ${marker}`,
        kind: spec.kind,
        venue: spec.venue,
        dates: spec.dates,
        characters: spec.characters,
        slots: slots.map((start) => ({ start, durationMinutes: 30, capacity: 3 })),
      });
      const starts = slots.map((s) => DateTime.fromISO(s, { zone }).toUTC().toISO() ?? '').sort();
      performances.push({ spec, id: created.performanceId, next: starts[0] ?? null });
    }
    await eventually(
      () => walk({ includeClosed: 'true' }),
      (results) => results.length === specs.length,
    );
  });

  it('answers every parameter and every pair of parameters as the reference does, page after page', async () => {
    const all = queries();
    expect(all.length).toBeGreaterThan(150);
    // A few searches at a time (each walks its pages in order), to keep the file quick.
    const answers: Result[][] = [];
    for (let i = 0; i < all.length; i += 6) answers.push(...(await Promise.all(all.slice(i, i + 6).map(walk))));
    for (const [i, query] of all.entries()) {
      const results = answers[i] ?? [];
      expect(
        results.map(({ performanceId, firstDate, lastDate }) => ({ performanceId, firstDate, lastDate })),
        JSON.stringify(query),
      ).toEqual(expected(performances, query));
    }
  });

  it('finds Twelfth Night by the dates it runs on (9–11 Jan 2027)', async () => {
    const twelfth = performances.find((p) => p.spec.title === 'Twelfth Night')?.id;
    const queries: Query[] = [
      { q: 'twelfth', from: '2027-01-10' },
      { from: '2027-01-01', to: '2027-01-31' },
      { from: '2027-01-11', to: '2027-01-11' },
      { to: '2027-01-09' },
    ];
    for (const query of queries) {
      expect(
        (await walk(query)).map((r) => r.performanceId),
        JSON.stringify(query),
      ).toContain(twelfth);
    }
  });
});
