import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError, problemSentence } from '../../../web/src/api/client';
import { problemTypes } from '../../../src/functions/http/problem';

const title = (code: keyof typeof problemTypes) => problemTypes[code].title;
const occurrences = (text: string, part: string) => text.split(part).length - 1;

/** Words that are not filler, so a title made of them has something to say. */
const word = fc.stringMatching(/^[b-df-hj-np-tv-z]{5,9}$/);
const phrase = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));

describe('a problem in words for people', () => {
  it('says once what the API says twice in other words', () => {
    // Real pairs of title and detail the API answers.
    expect(problemSentence(title('slot-full'), 'This audition slot is full.')).toBe('This audition slot is full.');
    expect(problemSentence(title('casting-closed'), 'Casting for this performance is closed.')).toBe(
      'Casting for this performance is closed.',
    );
    expect(problemSentence(title('character-full'), 'This character already has all the performers it takes.')).toBe(
      'This character already has all the performers it takes.',
    );
    expect(problemSentence(title('already-signed-up'), 'You already have a sign-up for this performance.')).toBe(
      'You already have a sign-up for this performance.',
    );
    expect(problemSentence(title('email-taken'), 'An account with this email exists.')).toBe(
      'An account with this email exists.',
    );
    expect(problemSentence(title('version-conflict'), 'The performance changed since you read it; reload it.')).toBe(
      'The performance changed since you read it; reload it.',
    );
    expect(new ApiError(409, 'slot-full', title('slot-full'), 'This audition slot is full.').sentence).toBe(
      'This audition slot is full.',
    );
  });

  it('keeps the title when the detail says something else', () => {
    expect(
      problemSentence(title('audition-not-started'), 'A performer can be cast once their audition has begun.'),
    ).toBe('The audition has not happened yet. A performer can be cast once their audition has begun.');
    expect(problemSentence('Cannot reach Audition Me', 'Check your connection and try again.')).toBe(
      'Cannot reach Audition Me. Check your connection and try again.',
    );
    expect(problemSentence(title('not-found'), '')).toBe('Not found.');
  });

  it('never drops the detail, never says the title twice, and ends as a sentence', () => {
    fc.assert(
      fc.property(phrase, phrase, fc.constantFrom('', '.', '!'), (t, d, stop) => {
        const sentence = problemSentence(t, d + stop);
        expect(sentence).toContain(d);
        expect(occurrences(sentence.toLowerCase(), t.toLowerCase())).toBeLessThanOrEqual(
          occurrences(d.toLowerCase(), t.toLowerCase()) + 1,
        );
        expect(sentence).toMatch(/[.!?]$/);
      }),
    );
  });

  it('says a title once when the detail repeats it with other small words, case or stops', () => {
    const filler = fc.constantFrom('The', 'This', 'You are', 'It is already', '');
    fc.assert(
      fc.property(phrase, filler, filler, fc.boolean(), (core, before, after, shout) => {
        const t = `${before} ${core}`.trim();
        const d = `${after} ${shout ? core.toUpperCase() : core}.`.trim();
        const sentence = problemSentence(t, d);
        expect(sentence).toBe(d);
        expect(occurrences(sentence.toLowerCase(), core)).toBe(1);
      }),
    );
  });

  it('keeps both when they share too little', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 4, maxLength: 8 }), (words) => {
        const t = words.slice(0, 2).join(' ');
        const d = words.slice(2).join(' ');
        expect(problemSentence(t, d)).toBe(`${t}. ${d}.`);
      }),
    );
  });
});
