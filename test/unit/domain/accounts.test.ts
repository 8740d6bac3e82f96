import { describe, expect, it } from 'vitest';
import type { IdentityProvider } from '../../../src/domain/accounts';
import { registerAccount } from '../../../src/domain/accounts';
import { fixedClock } from '../../../src/domain/clock';
import { EmailTakenError } from '../../../src/domain/errors';
import type { Profile, ProfileStore } from '../../../src/domain/profile';

function fakes(existing: 'none' | 'unconfirmed' | 'confirmed' = 'none') {
  const calls: string[] = [];
  let state = existing;
  const identity: IdentityProvider = {
    async signUp(email) {
      calls.push(`signUp ${email}`);
      if (state !== 'none') throw new EmailTakenError('taken');
      state = 'unconfirmed';
      return 'sub-1';
    },
    isUnconfirmed: async () => state === 'unconfirmed',
    async deleteUser(email) {
      calls.push(`delete ${email}`);
      state = 'none';
    },
    async addToGroup(email, role) {
      calls.push(`group ${email} ${role}`);
    },
  };
  const stored: Profile[] = [];
  const profiles: ProfileStore = {
    create: async (p) => (stored.push(p), true),
    get: async () => undefined,
    update: async () => undefined,
  };
  return { identity, profiles, calls, stored, clock: fixedClock(new Date('2026-11-24T12:00:00Z')) };
}

const request = {
  email: 'ann@example.com',
  password: 'secret-password',
  role: 'director' as const,
  name: 'Ann',
  phone: '+442071838750',
  timeZone: 'Europe/London',
};

describe('registerAccount', () => {
  it('creates the identity, assigns the role group on the server, and stores the profile without the password', async () => {
    const deps = fakes();
    const profile = await registerAccount(deps, request);
    expect(deps.calls).toEqual(['signUp ann@example.com', 'group ann@example.com director']);
    expect(profile).toEqual({
      userId: 'sub-1',
      role: 'director',
      name: 'Ann',
      email: 'ann@example.com',
      phone: '+442071838750',
      timeZone: 'Europe/London',
      createdAt: '2026-11-24T12:00:00.000Z',
    });
    expect(deps.stored[0]).not.toHaveProperty('password');
  });

  it('replaces an unconfirmed identity left by an earlier attempt', async () => {
    const deps = fakes('unconfirmed');
    await registerAccount(deps, request);
    expect(deps.calls).toEqual([
      'signUp ann@example.com',
      'delete ann@example.com',
      'signUp ann@example.com',
      'group ann@example.com director',
    ]);
  });

  it('refuses an email that belongs to a confirmed account', async () => {
    const deps = fakes('confirmed');
    await expect(registerAccount(deps, request)).rejects.toThrow(EmailTakenError);
    expect(deps.stored).toHaveLength(0);
  });
});
