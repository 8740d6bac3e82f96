import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Performance } from '../src/domain/performance';

/**
 * Deterministic, realistic-looking performances for the benchmarks: titles from well-known plays, venues in
 * forty cities, short descriptions from a Zipf-shaped vocabulary (a few words are common, most are rare), two
 * to four characters with attributes, and one to three audition slots in the coming four months.
 */

const plays = (
  'hamlet macbeth othello tempest lear tosca carmen aida rigoletto traviata medea antigone electra oresteia ' +
  'cabaret chicago company follies oklahoma carousel gypsy evita cats rent hair grease annie pippin godspell ' +
  'candide nabucco fidelio salome elektra wozzeck lulu turandot butterfly boheme figaro giovanni idomeneo ' +
  'orfeo dido alcina rinaldo tamerlano serse ariodante giulio norma lucia werther manon thais faust mefistofele'
).split(' ');
const moods = (
  'midnight summer winter golden silent broken northern southern little grand last first second wild quiet ' +
  'burning frozen hidden modern forgotten electric velvet crimson silver iron paper glass'
).split(' ');
const vocabulary = (
  'bold new staging tragedy comedy musical opera ballet drama ensemble touring production revival premiere ' +
  'intimate immersive outdoor rooftop studio chamber orchestra chorus soloist dancers actors singers comedians ' +
  'puppets masks movement physical devised verbatim classic contemporary queer feminist political family ' +
  'children youth community amateur professional fringe festival residency workshop rehearsal paid unpaid ' +
  'equity stipend travel accommodation provided experience required welcome encouraged diverse accessible ' +
  'wheelchair captioned relaxed performance season repertory adaptation translation original score live band ' +
  'accordion violin piano guitar drums choir harmonies tap jazz contemporary hiphop flamenco ballroom circus ' +
  'aerial stilts clown improv sketch standup satire farce melodrama thriller horror romance mystery fairy tale ' +
  'myth legend history war peace love revenge ghosts witches kings queens sailors soldiers miners farmers'
).split(' ');
const characterNames = (
  'Ophelia Gertrude Horatio Laertes Polonius Banquo Portia Viola Olivia Rosalind Prospero Miranda Ariel ' +
  'Caliban Cordelia Regan Goneril Edmund Iago Desdemona Emilia Cassio Mimi Rodolfo Musetta Marcello Violetta ' +
  'Alfredo Gilda Tosca Scarpia Cavaradossi Carmen Escamillo Micaela Norma Adalgisa Pollione Lucia Edgardo'
).split(' ');
const cities: readonly [city: string, country: string, zone: string, venue: string][] = [
  ['London', 'GB', 'Europe/London', 'The Globe'],
  ['Manchester', 'GB', 'Europe/London', 'Royal Exchange'],
  ['Edinburgh', 'GB', 'Europe/London', 'Traverse Theatre'],
  ['Glasgow', 'GB', 'Europe/London', 'Citizens Theatre'],
  ['Bristol', 'GB', 'Europe/London', 'Old Vic'],
  ['Dublin', 'IE', 'Europe/Dublin', 'Abbey Theatre'],
  ['Paris', 'FR', 'Europe/Paris', 'Théâtre du Châtelet'],
  ['Lyon', 'FR', 'Europe/Paris', 'Opéra de Lyon'],
  ['Berlin', 'DE', 'Europe/Berlin', 'Volksbühne'],
  ['Munich', 'DE', 'Europe/Berlin', 'Residenztheater'],
  ['Vienna', 'AT', 'Europe/Vienna', 'Burgtheater'],
  ['Madrid', 'ES', 'Europe/Madrid', 'Teatro Real'],
  ['Barcelona', 'ES', 'Europe/Madrid', 'Liceu'],
  ['Rome', 'IT', 'Europe/Rome', 'Teatro Argentina'],
  ['Milan', 'IT', 'Europe/Rome', 'Piccolo Teatro'],
  ['Amsterdam', 'NL', 'Europe/Amsterdam', 'Stadsschouwburg'],
  ['Stockholm', 'SE', 'Europe/Stockholm', 'Dramaten'],
  ['Oslo', 'NO', 'Europe/Oslo', 'Nationaltheatret'],
  ['Copenhagen', 'DK', 'Europe/Copenhagen', 'Det Kongelige Teater'],
  ['Warsaw', 'PL', 'Europe/Warsaw', 'Teatr Wielki'],
  ['New York', 'US', 'America/New_York', 'Studio 8'],
  ['Chicago', 'US', 'America/Chicago', 'Steppenwolf'],
  ['Los Angeles', 'US', 'America/Los_Angeles', 'Mark Taper Forum'],
  ['San Francisco', 'US', 'America/Los_Angeles', 'Curran Theater'],
  ['Seattle', 'US', 'America/Los_Angeles', 'Seattle Rep'],
  ['Boston', 'US', 'America/New_York', 'Huntington Theatre'],
  ['Atlanta', 'US', 'America/New_York', 'Alliance Theatre'],
  ['Denver', 'US', 'America/Denver', 'Denver Center'],
  ['Toronto', 'CA', 'America/Toronto', 'Soulpepper'],
  ['Montreal', 'CA', 'America/Toronto', 'Théâtre du Nouveau Monde'],
  ['Vancouver', 'CA', 'America/Vancouver', 'Arts Club'],
  ['Mexico City', 'MX', 'America/Mexico_City', 'Palacio de Bellas Artes'],
  ['Buenos Aires', 'AR', 'America/Argentina/Buenos_Aires', 'Teatro Colón'],
  ['São Paulo', 'BR', 'America/Sao_Paulo', 'Theatro Municipal'],
  ['Sydney', 'AU', 'Australia/Sydney', 'Belvoir'],
  ['Melbourne', 'AU', 'Australia/Melbourne', 'Malthouse'],
  ['Auckland', 'NZ', 'Pacific/Auckland', 'Silo Theatre'],
  ['Tokyo', 'JP', 'Asia/Tokyo', 'New National Theatre'],
  ['Mumbai', 'IN', 'Asia/Kolkata', 'Prithvi Theatre'],
  ['Kathmandu', 'NP', 'Asia/Kathmandu', 'Mandala Theatre'],
];
const genders = ['female', 'male', 'non-binary', 'any'] as const;
const voices = ['soprano', 'mezzo-soprano', 'alto', 'countertenor', 'tenor', 'baritone', 'bass'] as const;

/** A small seeded generator (mulberry32), so every run loads the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
// Zipf-like: word k is drawn with probability ∝ 1/(k+1).
const zipf = (random: () => number, items: readonly string[]) =>
  items[Math.min(items.length - 1, Math.floor(Math.exp(random() * Math.log(items.length + 1)) - 1))] as string;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const idOf = (prefix: string, n: number) => createHash('sha1').update(`${prefix}${n}`).digest('hex').slice(0, 12);

/** The play-title keyword every search benchmark looks for, and the city it filters on. */
export const benchQueries = {
  keyword: 'hamlet',
  city: { city: 'London', country: 'GB' },
} as const;

/**
 * Performance number `n` of the benchmark catalogue, with audition slots between 1 and 120 days after `now`
 * (one in ten has none left open, as closed productions do).
 */
export function benchPerformance(n: number, now: Date, ownerIds: readonly string[]): Performance {
  const random = seededRandom(n + 1);
  const [city, country, timeZone, venueName] = pick(random, cities);
  const kind = random() < 0.8 ? 'live' : 'filmed';
  const day = (offset: number) => DateTime.fromJSDate(now, { zone: timeZone }).plus({ days: offset });
  const first = 10 + Math.floor(random() * 150);
  const dates =
    kind === 'live'
      ? [0, 1, 2].slice(0, 1 + Math.floor(random() * 3)).map((d) => `${day(first + d).toFormat('yyyy-MM-dd')}T19:30`)
      : [];
  const characters = Array.from({ length: 2 + Math.floor(random() * 3) }, (_, i) => {
    const gender = random() < 0.7 ? pick(random, genders) : undefined;
    const ageMin = random() < 0.6 ? 16 + Math.floor(random() * 40) : undefined;
    return {
      characterId: idOf(`c${n}-`, i),
      name: `${pick(random, characterNames)}${i ? ` ${i}` : ''}`,
      description: '',
      attributes: {
        ...(gender ? { gender } : {}),
        ...(random() < 0.3 ? { voiceType: pick(random, voices) } : {}),
        ...(ageMin !== undefined ? { ageMin, ageMax: ageMin + 5 + Math.floor(random() * 20) } : {}),
      },
      places: 1,
    };
  });
  const open = random() >= 0.1;
  const slots = open
    ? Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => ({
        slotId: idOf(`s${n}-`, i),
        start: `${day(1 + Math.floor(random() * 120)).toFormat('yyyy-MM-dd')}T${String(9 + i * 2).padStart(2, '0')}:00`,
        durationMinutes: 30,
        capacity: 10,
        location: { name: venueName, address: `${1 + (n % 200)} Stage Street, ${city}` },
      }))
    : [];
  const description = Array.from({ length: 12 + Math.floor(random() * 12) }, () => zipf(random, vocabulary)).join(' ');
  const at = now.toISOString();
  return {
    performanceId: idOf('p', n),
    ownerId: pick(random, ownerIds),
    version: 1,
    title: [pick(random, moods), zipf(random, plays)].map(capitalised).join(' '),
    description: `${capitalised(description)}.`,
    kind,
    director: { name: 'Ann Director', email: 'ann.director@example.com', phone: '+442071838750' },
    castingDirector: { name: 'Cas Ting', email: 'cas.ting@example.com', phone: '+442071838751' },
    venue: { name: venueName, address: `${1 + (n % 200)} Stage Street`, city, country, timeZone },
    dates,
    characters,
    slots: [...slots].sort((a, b) => a.start.localeCompare(b.start)),
    castingClosed: false,
    createdAt: at,
    updatedAt: at,
  };
}
