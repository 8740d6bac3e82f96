import { describe, expect, it } from 'vitest';
import { signUpCalendar } from '../../../../src/domain/sign-up-calendar';
import type { SignUpStatus } from '../../../../src/domain/signup';
import { early, storedSignUp } from './fixtures';

describe('signUpCalendar', () => {
  it.each<[SignUpStatus, string]>([
    ['signed-up', 'REQUEST'],
    ['cast', 'REQUEST'],
    ['withdrawn', 'CANCEL'],
    ['not-cast', 'CANCEL'],
    ['cancelled', 'CANCEL'],
  ])('a sign-up that is %s gives METHOD:%s with its stable UID', (status, method) => {
    const ics = signUpCalendar(storedSignUp({ status }), early).content;
    expect(ics).toContain(`METHOD:${method}`);
    expect(ics).toContain('UID:signup-su-pat@audition-me');
  });
});
