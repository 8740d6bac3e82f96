import { describe, expect, it } from 'vitest';
import { directoryQuery, httpsUrl } from '../../../src/schemas/directory';
import { profilePatch } from '../../../src/schemas/profile';

describe('the directory fields of PATCH /me', () => {
  it('normalises tags to lower case with single spaces, drops duplicates, and bounds their number and length', () => {
    const parsed = profilePatch.parse({ skills: ['Stage  Combat ', 'stage combat', 'Singing'], languages: ['Welsh'] });
    expect(parsed).toMatchObject({ skills: ['stage combat', 'singing'], languages: ['welsh'] });
    expect(profilePatch.safeParse({ skills: Array.from({ length: 21 }, (_, i) => `skill ${i}`) }).success).toBe(false);
    expect(profilePatch.safeParse({ skills: ['x'.repeat(41)] }).success).toBe(false);
    expect(profilePatch.safeParse({ skills: ['<script>'] }).success).toBe(false);
    expect(profilePatch.safeParse({ unions: ['equity', 'sag-aftra', 'bectu', 'mu', 'aea', 'acTRA'] }).success).toBe(
      false,
    );
  });

  it('takes https links only', () => {
    expect(httpsUrl.safeParse('https://example.com/reel').success).toBe(true);
    for (const url of ['http://example.com', 'javascript:alert(1)', 'data:text/html,x', 'https://', 'ftp://x.org']) {
      expect(httpsUrl.safeParse(url).success, url).toBe(false);
    }
    expect(profilePatch.safeParse({ links: { reel: 'https://example.com', other: 'https://x.org' } }).success).toBe(
      false,
    );
  });

  it('clears a single value with null and refuses an out-of-range playing age', () => {
    expect(profilePatch.parse({ ageMin: null, voiceType: null })).toEqual({ ageMin: null, voiceType: null });
    expect(profilePatch.safeParse({ ageMin: 121 }).success).toBe(false);
    expect(profilePatch.safeParse({ country: 'XX' }).success).toBe(false);
    expect(profilePatch.safeParse({ bio: 'x'.repeat(1001) }).success).toBe(false);
  });
});

describe('the directory query', () => {
  it('reads comma-separated skills and languages as normalised tags, and bounds the page size', () => {
    expect(directoryQuery.parse({ skills: 'Singing,stage  combat', languages: 'Welsh' })).toMatchObject({
      skills: ['singing', 'stage combat'],
      languages: ['welsh'],
      limit: 10,
    });
    expect(directoryQuery.safeParse({ limit: '21' }).success).toBe(false);
    expect(directoryQuery.safeParse({ skills: 'singing,,dancing' }).success).toBe(false);
  });

  it('refuses a city without its country, an age with an age range, and a range that runs backwards', () => {
    expect(directoryQuery.safeParse({ city: 'London' }).success).toBe(false);
    expect(directoryQuery.safeParse({ age: '30', ageMin: '20' }).success).toBe(false);
    expect(directoryQuery.safeParse({ ageMin: '41', ageMax: '40' }).success).toBe(false);
    expect(directoryQuery.safeParse({ ageMin: '30', ageMax: '40' }).success).toBe(true);
  });
});
