import { describe, expect, it } from 'vitest';
import type { ProfileStore } from '../../../src/domain/ports/profiles';
import type { SignUpStore } from '../../../src/domain/ports/sign-ups';
import { storesOn } from '../../../src/functions/stores';

describe('storesOn', () => {
  it('builds exactly the stores it is given, each on the table named', () => {
    const tables: string[] = [];
    const profiles = { kind: 'profiles' } as unknown as ProfileStore;
    const signUps = { kind: 'signUps' } as unknown as SignUpStore;
    const built = storesOn(
      {
        profiles: (table) => (tables.push(table), profiles),
        signUps: (table) => (tables.push(table), signUps),
      },
      'audition-me-test',
    );
    expect(built).toEqual({ profiles, signUps });
    expect(tables).toEqual(['audition-me-test', 'audition-me-test']);
  });
});
