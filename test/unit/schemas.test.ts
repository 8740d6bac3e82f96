import { describe, expect, it } from 'vitest';
import { signUpRequest } from '../../src/schemas/registration';
import { timeZone } from '../../src/schemas/common';
import { phone } from '../../src/schemas/phone';

describe('common schemas', () => {
  it('normalises phone numbers to E.164 and refuses national or invalid ones', () => {
    expect(phone.parse('+44 20 7183 8750')).toBe('+442071838750');
    expect(phone.safeParse('020 7183 8750').success).toBe(false);
    expect(phone.safeParse('+1 555').success).toBe(false);
  });

  it('accepts IANA zones only', () => {
    expect(timeZone.safeParse('Asia/Kathmandu').success).toBe(true);
    expect(timeZone.safeParse('Mars/Olympus_Mons').success).toBe(false);
  });

  it('lower-cases emails and refuses unknown fields such as a client-chosen group', () => {
    const valid = {
      email: 'Ann@Example.COM',
      password: 'long-enough',
      role: 'performer',
      name: 'Ann',
      phone: '+14155550123',
      timeZone: 'UTC',
    };
    expect(signUpRequest.parse(valid).email).toBe('ann@example.com');
    expect(signUpRequest.safeParse({ ...valid, groups: ['director'] }).success).toBe(false);
  });
});
