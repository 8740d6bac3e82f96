import { describe, expect, it } from 'vitest';
import { profilePatch } from '../../../src/schemas/profile';
import { initials, placeOf, playingAge, tagsOf } from '../../../web/src/directory/card';
import type { DirectoryForm } from '../../../web/src/directory/directoryForm';
import { directoryErrors, directoryPatchOf, previewCardOf } from '../../../web/src/directory/directoryForm';

const empty: DirectoryForm = {
  listed: false,
  invitations: true,
  ageMin: '',
  ageMax: '',
  gender: '',
  genderCategory: '',
  voiceType: '',
  skills: '',
  languages: '',
  unions: '',
  city: '',
  country: '',
  reel: '',
  website: '',
  bio: '',
};

describe('the directory card’s words', () => {
  it('says a playing-age range, open at either end, or nothing', () => {
    expect(playingAge(30, 40)).toBe('30–40');
    expect(playingAge(30, 30)).toBe('30');
    expect(playingAge(30, undefined)).toBe('30 and over');
    expect(playingAge(undefined, 40)).toBe('up to 40');
    expect(playingAge(undefined, undefined)).toBeUndefined();
    expect(playingAge(0, 12)).toBe('0–12');
  });

  it('names the place and takes initials from the first and last words', () => {
    expect(placeOf('London', 'GB')).toBe('London, United Kingdom');
    expect(placeOf(undefined, 'FR')).toBe('France');
    expect(placeOf(undefined, undefined)).toBeUndefined();
    expect(initials('Ann Marie Example')).toBe('AE');
    expect(initials(' cher ')).toBe('C');
  });

  it('reads typed tags as the API stores them', () => {
    expect(tagsOf(' Singing,stage  Combat,, singing')).toEqual(['singing', 'stage combat']);
    expect(tagsOf(' , ')).toEqual([]);
  });
});

describe('the directory form', () => {
  it('sends an empty form as a patch that clears every field, and the API schema takes it', () => {
    const patch = directoryPatchOf(empty);
    expect(patch).toEqual({
      listed: false,
      invitations: true,
      ageMin: null,
      ageMax: null,
      gender: null,
      genderCategory: null,
      voiceType: null,
      skills: [],
      languages: [],
      unions: [],
      city: null,
      country: null,
      links: {},
      bio: '',
    });
    expect(profilePatch.safeParse(patch).success).toBe(true);
  });

  it('sends numbers, tags and only the links given', () => {
    const form = {
      ...empty,
      listed: true,
      ageMin: ' 30',
      ageMax: '40',
      skills: 'Singing',
      reel: ' https://a.example/r ',
    };
    const patch = directoryPatchOf(form);
    expect(patch).toMatchObject({ listed: true, ageMin: 30, ageMax: 40, skills: ['singing'] });
    expect(patch.links).toEqual({ reel: 'https://a.example/r' });
  });

  it('puts a problem with one tag on its list, naming the tag', () => {
    const form = { ...empty, skills: 'singing, <b>' };
    const errors = directoryErrors({ 'skills.1': 'must be a word', 'links.reel': 'must be https' }, form);
    expect(errors).toEqual({ skills: '“<b>” must be a word', 'links.reel': 'must be https' });
  });

  it('previews the card from what is typed, leaving out what is not a whole age', () => {
    const profile = { name: 'Ann Example' } as Parameters<typeof previewCardOf>[1];
    const card = previewCardOf({ ...empty, ageMin: '3x', ageMax: '40', voiceType: 'alto', city: ' Leeds ' }, profile);
    expect(card).toMatchObject({ name: 'Ann Example', ageMax: 40, voiceType: 'alto', city: 'Leeds' });
    expect(card.ageMin).toBeUndefined();
  });
});
