import { describe, expect, it } from 'vitest';
import { formatForRecipient, formatInZone, formatTimeInZone, zoneAbbreviation } from '../../../src/domain/time-format';

const sunday10Bst = new Date('2027-03-28T09:00:00Z');

describe('formatInZone', () => {
  it('writes the full date and time with the zone’s short name', () => {
    expect(formatInZone(sunday10Bst, 'Europe/London')).toBe('Sunday 28 March 2027, 10:00 BST');
    expect(formatInZone(new Date('2027-01-10T09:00:00Z'), 'Europe/London')).toBe('Sunday 10 January 2027, 09:00 GMT');
    expect(formatInZone(sunday10Bst, 'America/New_York')).toBe('Sunday 28 March 2027, 05:00 EDT');
    expect(formatInZone(sunday10Bst, 'Europe/Paris')).toBe('Sunday 28 March 2027, 11:00 CEST');
  });

  it('falls back to the offset where a zone has no common abbreviation', () => {
    expect(formatInZone(sunday10Bst, 'Asia/Kathmandu')).toBe('Sunday 28 March 2027, 14:45 GMT+5:45');
    expect(zoneAbbreviation(sunday10Bst, 'Asia/Tokyo')).toBe('GMT+9');
  });

  it('refuses an unknown zone', () => {
    expect(() => formatInZone(sunday10Bst, 'Mars/Base')).toThrow(RangeError);
  });
});

describe('formatTimeInZone', () => {
  it('writes the time of day with the zone', () => {
    expect(formatTimeInZone(sunday10Bst, 'Australia/Lord_Howe')).toBe('20:00 LHDT');
  });
});

describe('formatForRecipient', () => {
  it('shows one time when the reader is in the venue’s zone', () => {
    expect(formatForRecipient(sunday10Bst, 'Europe/London', 'Europe/London')).toBe('Sunday 28 March 2027, 10:00 BST');
  });

  it('shows the reader’s time first and the venue’s time in brackets', () => {
    expect(formatForRecipient(sunday10Bst, 'America/Los_Angeles', 'Europe/London')).toBe(
      'Sunday 28 March 2027, 02:00 PDT your time (10:00 BST at the venue)',
    );
  });

  it('adds the venue’s date when it is a different day there', () => {
    expect(formatForRecipient(new Date('2027-03-28T20:00:00Z'), 'America/Chicago', 'Asia/Tokyo')).toBe(
      'Sunday 28 March 2027, 15:00 CDT your time (Monday 29 March 2027, 05:00 GMT+9 at the venue)',
    );
  });
});
