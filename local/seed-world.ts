import { DateTime } from 'luxon';
import type { Role } from './seed';

/**
 * The demo world's people and performances: plain data and plans, turned into API calls by ./seed.ts.
 */

// ─── The people ─────────────────────────────────────────────────────────────────────────────────────────────

export interface Person {
  readonly handle: string;
  readonly role: Role;
  readonly name: string;
  readonly phone: string;
  readonly timeZone: string;
  readonly credits?: readonly { title: string; role: string; year: number; company?: string }[];
}

export const people: readonly Person[] = [
  { handle: 'ann', role: 'director', name: 'Ann Lee', phone: '+442079460123', timeZone: 'Europe/London' },
  { handle: 'marcus', role: 'director', name: 'Marcus Reid', phone: '+12125550142', timeZone: 'America/New_York' },
  { handle: 'olivia', role: 'director', name: 'Olivia Hart', phone: '+61291234567', timeZone: 'Australia/Sydney' },
  { handle: 'kenji', role: 'director', name: 'Kenji Watanabe', phone: '+81312340001', timeZone: 'Asia/Tokyo' },
  {
    handle: 'ada',
    role: 'performer',
    name: 'Ada Okafor',
    phone: '+442079460456',
    timeZone: 'Europe/London',
    credits: [
      { title: 'A Doll’s House', role: 'Nora', year: 2023, company: 'Bristol Old Vic' },
      { title: 'Hedda Gabler', role: 'Thea Elvsted', year: 2021 },
    ],
  },
  {
    handle: 'ben',
    role: 'performer',
    name: 'Ben Carter',
    phone: '+12125550187',
    timeZone: 'America/New_York',
    credits: [{ title: 'Carousel', role: 'Billy Bigelow', year: 2022, company: 'Hudson Valley Light Opera' }],
  },
  {
    handle: 'chloe',
    role: 'performer',
    name: 'Chloé Martin',
    phone: '+33199001234',
    timeZone: 'Europe/Paris',
    credits: [{ title: 'Carmen', role: 'Mercédès', year: 2024, company: 'Opéra de Lyon' }],
  },
  { handle: 'dev', role: 'performer', name: 'Dev Patel', phone: '+61491570156', timeZone: 'Australia/Sydney' },
  { handle: 'emi', role: 'performer', name: 'Emi Tanaka', phone: '+81335550123', timeZone: 'Asia/Tokyo' },
  { handle: 'felix', role: 'performer', name: 'Felix Wagner', phone: '+13105550163', timeZone: 'America/Los_Angeles' },
];

export const emailOf = (person: Pick<Person, 'handle' | 'role'>, domain: string) =>
  `${person.handle}.${person.role}@${domain}`;

// ─── The performances ───────────────────────────────────────────────────────────────────────────────────────

/** A local date-time at a venue: `days` from today there, at `time`, e.g. at('Europe/London', 3, '10:00'). */
export function at(zone: string, days: number, time: string): string {
  return `${DateTime.now().setZone(zone).startOf('day').plus({ days }).toFormat('yyyy-MM-dd')}T${time}`;
}

export interface CharacterPlan {
  readonly name: string;
  readonly description: string;
  readonly attributes: { ageMin?: number; ageMax?: number; gender?: string; voiceType?: string };
  readonly places?: number;
}

export interface SlotPlan {
  readonly start: string;
  readonly durationMinutes: number;
  readonly capacity: number;
  readonly location?: { name: string; address: string };
}

export interface PerformancePlan {
  readonly owner: string;
  readonly title: string;
  readonly description: string;
  readonly kind: 'live' | 'filmed';
  readonly castingDirector: { name: string; handle: string; phone: string };
  readonly venue: { name: string; address: string; city: string; country: string; timeZone: string };
  readonly dates: readonly string[];
  readonly characters: readonly CharacterPlan[];
  readonly slots: readonly SlotPlan[];
  /** What happens after it is posted: sign-ups, withdrawals, moves, castings, closing. */
  readonly story: (stage: Stage) => Promise<void>;
}

/** The calls a performance's story is told with; slots are named by their index in the plan. */
export interface Stage {
  signUp(performer: string, slot: number, characters: readonly string[], accessNeeds?: string): Promise<void>;
  withdraw(performer: string): Promise<void>;
  /** Moves a slot to a new start (the director's PUT), then waits until its sign-ups show the new time. */
  moveSlot(slot: number, start: string): Promise<void>;
  cast(performer: string, character: string): Promise<void>;
  /** Closes casting, then waits until everyone still signed up has their final "not cast". */
  closeCasting(): Promise<void>;
}

export const london = 'Europe/London';
export const newYork = 'America/New_York';
export const sydney = 'Australia/Sydney';
export const tokyo = 'Asia/Tokyo';

export function plans(): PerformancePlan[] {
  return [
    {
      owner: 'ann',
      title: 'Twelfth Night',
      description:
        'Shakespeare’s comedy of mistaken identity, set in a faded 1920s seaside hotel. Shipwrecked Viola disguises ' +
        'herself as a young man and falls for the Duke Orsino, who is in love with the grieving Olivia. ' +
        'Live music throughout; actor-musicians especially welcome.',
      kind: 'live',
      castingDirector: { name: 'Priya Shah', handle: 'priya.casting', phone: '+442079460789' },
      venue: {
        name: 'The Rosemary Theatre',
        address: '14 Rosemary Lane, London E1 8LX, United Kingdom',
        city: 'London',
        country: 'GB',
        timeZone: london,
      },
      dates: [at(london, 40, '19:30'), at(london, 41, '19:30'), at(london, 42, '14:30'), at(london, 42, '19:30')],
      characters: [
        {
          name: 'Viola',
          description: 'Quick-witted and resilient; spends most of the play disguised as Cesario.',
          attributes: { gender: 'female', ageMin: 20, ageMax: 32 },
        },
        {
          name: 'Orsino',
          description: 'A duke in love with being in love.',
          attributes: { gender: 'male', ageMin: 25, ageMax: 40 },
        },
        {
          name: 'Feste',
          description: 'The clown, and the show’s musician: must sing and play guitar or accordion.',
          attributes: { gender: 'any', ageMin: 30, ageMax: 65, voiceType: 'baritone' },
        },
      ],
      slots: [
        { start: at(london, -3, '10:00'), durationMinutes: 20, capacity: 6 },
        { start: at(london, 6, '10:00'), durationMinutes: 20, capacity: 8 },
        { start: at(london, 7, '14:00'), durationMinutes: 20, capacity: 8 },
      ],
      story: async (stage) => {
        await stage.signUp('ada', 1, ['Viola'], 'I use a wheelchair: step-free access to the audition room, please.');
        await stage.signUp('felix', 2, ['Orsino']);
        await stage.signUp('ben', 1, ['Feste']);
        await stage.withdraw('ben');
      },
    },
    {
      owner: 'marcus',
      title: 'The Pirates of Penzance',
      description:
        'Gilbert and Sullivan’s comic opera in a brisk new production with a twelve-piece band. Frederic, ' +
        'apprenticed by mistake to a band of soft-hearted pirates, turns 21 and wants out.',
      kind: 'live',
      castingDirector: { name: 'Rosa Alvarez', handle: 'rosa.casting', phone: '+12125550101' },
      venue: {
        name: 'Hudson Street Playhouse',
        address: '412 Hudson Street, New York, NY 10014, United States',
        city: 'New York',
        country: 'US',
        timeZone: newYork,
      },
      dates: [at(newYork, 30, '19:30'), at(newYork, 31, '19:30'), at(newYork, 32, '14:00'), at(newYork, 32, '19:30')],
      characters: [
        {
          name: 'The Pirate King',
          description: 'Swaggering, warm-hearted leader of the pirates.',
          attributes: { gender: 'male', ageMin: 30, ageMax: 50, voiceType: 'baritone' },
        },
        {
          name: 'Frederic',
          description: 'The earnest young apprentice with a strong sense of duty.',
          attributes: { gender: 'male', ageMin: 20, ageMax: 28, voiceType: 'tenor' },
        },
        {
          name: 'Mabel',
          description: 'Major-General Stanley’s daughter; coloratura.',
          attributes: { gender: 'female', ageMin: 18, ageMax: 28, voiceType: 'soprano' },
        },
        {
          name: 'Ruth',
          description: 'Frederic’s nursemaid, now a pirate of all work.',
          attributes: { gender: 'female', ageMin: 40, ageMax: 60, voiceType: 'alto' },
        },
        {
          name: 'Pirate chorus',
          description: 'Ensemble: strong singers who move well.',
          attributes: { gender: 'any', ageMin: 18, ageMax: 60 },
          places: 8,
        },
      ],
      slots: [
        { start: at(newYork, 1, '18:00'), durationMinutes: 30, capacity: 6 },
        { start: at(newYork, 14, '11:00'), durationMinutes: 30, capacity: 10 },
      ],
      story: async (stage) => {
        await stage.signUp('ben', 0, ['The Pirate King']);
        await stage.signUp('felix', 0, ['Frederic', 'Pirate chorus']);
        await stage.signUp('ada', 1, ['Ruth', 'Pirate chorus']);
        // Sign-ups are only taken before a slot starts, castings only after: the first round happened last week.
        await stage.moveSlot(0, at(newYork, -5, '18:00'));
        await stage.cast('ben', 'The Pirate King');
      },
    },
    {
      owner: 'olivia',
      title: 'Madama Butterfly',
      description:
        'Puccini’s tragedy in a spare, modern staging on the harbour. Sung in Italian with English surtitles; ' +
        'full orchestra.',
      kind: 'live',
      castingDirector: { name: 'James Nguyen', handle: 'james.casting', phone: '+61491570157' },
      venue: {
        name: 'Harbourside Opera Hall',
        address: '2 Circular Quay West, The Rocks NSW 2000, Australia',
        city: 'Sydney',
        country: 'AU',
        timeZone: sydney,
      },
      dates: [at(sydney, -75, '19:30'), at(sydney, -73, '19:30'), at(sydney, -71, '13:30')],
      characters: [
        {
          name: 'Cio-Cio-San',
          description: 'Butterfly: a demanding lyric-spinto role.',
          attributes: { gender: 'female', ageMin: 20, ageMax: 40, voiceType: 'soprano' },
        },
        {
          name: 'Pinkerton',
          description: 'US naval lieutenant.',
          attributes: { gender: 'male', ageMin: 25, ageMax: 45, voiceType: 'tenor' },
        },
        {
          name: 'Suzuki',
          description: 'Butterfly’s loyal maid.',
          attributes: { gender: 'female', ageMin: 30, ageMax: 55, voiceType: 'mezzo-soprano' },
        },
        {
          name: 'Sharpless',
          description: 'The US consul in Nagasaki.',
          attributes: { gender: 'male', ageMin: 40, ageMax: 65, voiceType: 'baritone' },
        },
      ],
      slots: [{ start: at(sydney, 2, '10:00'), durationMinutes: 30, capacity: 6 }],
      story: async (stage) => {
        await stage.signUp('emi', 0, ['Cio-Cio-San']);
        await stage.signUp('dev', 0, ['Pinkerton']);
        await stage.signUp('ben', 0, ['Sharpless']);
        await stage.signUp('chloe', 0, ['Suzuki', 'Cio-Cio-San']);
        // The whole run is over: auditions months ago, performances since.
        await stage.moveSlot(0, at(sydney, -120, '10:00'));
        await stage.cast('emi', 'Cio-Cio-San');
        await stage.cast('dev', 'Pinkerton');
        await stage.cast('ben', 'Sharpless');
        await stage.closeCasting();
      },
    },
    {
      owner: 'kenji',
      title: 'Midnight in Shimokita',
      description:
        'An eight-part drama series for streaming: a night-shift detective and a struggling musician cross paths ' +
        'in Tokyo’s Shimokitazawa. Filmed on location and in studio; some dialogue in English.',
      kind: 'filmed',
      castingDirector: { name: 'Yuki Sato', handle: 'yuki.casting', phone: '+81335550124' },
      venue: {
        name: 'Seijo Film Studios, Stage 3',
        address: '1-4-1 Seijo, Setagaya-ku, Tokyo 157-0066, Japan',
        city: 'Tokyo',
        country: 'JP',
        timeZone: tokyo,
      },
      dates: [],
      characters: [
        {
          name: 'Detective Aiko Mori',
          description: 'Lead. Dry humour, tired eyes, never stops working.',
          attributes: { gender: 'female', ageMin: 30, ageMax: 45 },
        },
        {
          name: 'Hiro',
          description: 'A guitarist one bad gig away from giving up. Must play guitar.',
          attributes: { gender: 'male', ageMin: 20, ageMax: 30 },
        },
        {
          name: 'Radio host',
          description: 'Voice only: the late-night radio show that runs through every episode.',
          attributes: { gender: 'any', ageMin: 25, ageMax: 70 },
        },
      ],
      slots: [
        { start: at(tokyo, 9, '13:00'), durationMinutes: 45, capacity: 4 },
        { start: at(tokyo, 10, '13:00'), durationMinutes: 45, capacity: 4 },
      ],
      story: async (stage) => {
        await stage.signUp('emi', 0, ['Detective Aiko Mori']);
        await stage.signUp('dev', 1, ['Hiro']);
      },
    },
    {
      owner: 'olivia',
      title: 'Saltwater',
      description:
        'A feature film about three generations of a fishing family on the New South Wales south coast, shot in ' +
        'studio and at sea. Self-tapes accepted for the first round; recalls in person.',
      kind: 'filmed',
      castingDirector: { name: 'James Nguyen', handle: 'james.casting', phone: '+61491570157' },
      venue: {
        name: 'Moore Park Studios, Stage 2',
        address: '38 Driver Avenue, Moore Park NSW 2021, Australia',
        city: 'Sydney',
        country: 'AU',
        timeZone: sydney,
      },
      dates: [at(sydney, 90, '09:00'), at(sydney, 120, '09:00')],
      characters: [
        {
          name: 'Maggie Doyle',
          description: 'The family matriarch, still skippering her own boat.',
          attributes: { gender: 'female', ageMin: 55, ageMax: 70 },
        },
        {
          name: 'Tom Doyle',
          description: 'Her grandson, back from the city and out of his depth. Must be a confident swimmer.',
          attributes: { gender: 'male', ageMin: 18, ageMax: 26 },
        },
      ],
      slots: [
        {
          start: at(sydney, 12, '09:30'),
          durationMinutes: 30,
          capacity: 5,
          location: { name: 'Casting suite, level 4', address: '50 Bridge Street, Sydney NSW 2000, Australia' },
        },
      ],
      story: async (stage) => {
        await stage.signUp('dev', 0, ['Tom Doyle']);
      },
    },
  ];
}
