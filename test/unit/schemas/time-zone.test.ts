import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { signUpRequest } from '../../../src/schemas/registration';
import { timeZone } from '../../../src/schemas/common';
import { venue } from '../../../src/schemas/performance';
import { profilePatch } from '../../../src/schemas/profile';

const zones = Intl.supportedValuesOf('timeZone');

describe('time zones', () => {
  it('stores the canonical IANA name whatever the case', () => {
    expect(timeZone.parse('europe/london')).toBe('Europe/London');
    expect(timeZone.parse('EUROPE/LONDON')).toBe('Europe/London');
    expect(timeZone.parse('america/argentina/buenos_aires')).toBe('America/Argentina/Buenos_Aires');
  });

  it('follows links to the zone they name', () => {
    expect(timeZone.parse('US/Pacific')).toBe('America/Los_Angeles');
    expect(timeZone.parse('us/pacific')).toBe('America/Los_Angeles');
    expect(timeZone.parse('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(timeZone.parse('Europe/Kiev')).toBe('Europe/Kyiv');
    for (const utc of ['UTC', 'utc', 'Etc/UTC', 'Etc/GMT', 'GMT']) expect(timeZone.parse(utc)).toBe('UTC');
  });

  it('refuses names that are no zone, or no longer one, with a field error in plain words', () => {
    for (const name of [
      'US/Pacific-New',
      'Canada/East-Saskatchewan',
      'Mars/Olympus_Mons',
      '+05:00',
      'Z',
      '',
      'Europe/',
    ]) {
      const result = timeZone.safeParse(name);
      expect(result.success, name).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/time zone/);
    }
  });

  it('maps every name, in any case, to a canonical name that stays put and that luxon knows', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom<(s: string) => string>(
          (s) => s,
          (s) => s.toLowerCase(),
          (s) => s.toUpperCase(),
        ),
        (zone, recase) => {
          const canonical = timeZone.parse(recase(zone));
          expect(timeZone.parse(canonical)).toBe(canonical);
          expect(IANAZone.isValidZone(canonical)).toBe(true);
          expect(new IANAZone(canonical).offset(Date.UTC(2027, 0, 1))).toBe(
            new IANAZone(zone).offset(Date.UTC(2027, 0, 1)),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is canonical wherever a zone is accepted: sign-up, profile and venue', () => {
    const signUp = signUpRequest.parse({
      email: 'a@example.com',
      password: 'long-enough',
      role: 'performer',
      name: 'Ann',
      phone: '+14155550123',
      timeZone: 'us/pacific',
    });
    expect(signUp.timeZone).toBe('America/Los_Angeles');
    expect(profilePatch.parse({ timeZone: 'EUROPE/LONDON' }).timeZone).toBe('Europe/London');
    const place = { name: 'Globe', address: '21 New Globe Walk', city: 'London', country: 'GB' };
    expect(venue.parse({ ...place, timeZone: 'europe/london' }).timeZone).toBe('Europe/London');
    expect(venue.safeParse({ ...place, timeZone: 'US/Pacific-New' }).success).toBe(false);
  });
});
