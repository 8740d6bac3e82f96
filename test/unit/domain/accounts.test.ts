import { describe, expect, it } from 'vitest';
import type { IdentityProvider, PendingRegistration } from '../../../src/domain/accounts';
import { completeRegistration, registerAccount } from '../../../src/domain/accounts';
import { fixedClock } from '../../../src/domain/clock';
import { EmailTakenError } from '../../../src/domain/errors';
import type { Profile, ProfileStore } from '../../../src/domain/profile';

/** In-memory stand-ins with Cognito's and DynamoDB's rules; `failAt` makes one step crash once. */
function fakes(existing: 'none' | 'unconfirmed' | 'confirmed' = 'none', failAt?: 'addToGroup' | 'createProfile') {
  const calls: string[] = [];
  let state = existing;
  let failing = failAt;
  const groups = new Map<string, string>();
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
      if (failing === 'addToGroup') {
        failing = undefined;
        throw new Error('crash');
      }
      calls.push(`group ${email} ${role}`);
      groups.set(email, role);
    },
    userIdOf: async () => 'sub-1',
  };
  const stored = new Map<string, Profile>();
  const profiles: ProfileStore = {
    async create(p) {
      if (failing === 'createProfile') {
        failing = undefined;
        throw new Error('crash');
      }
      if (stored.has(p.userId)) return false;
      stored.set(p.userId, p);
      return true;
    },
    get: async (id) => stored.get(id),
    update: async () => undefined,
  };
  const pending = new Map<string, PendingRegistration>();
  const registrations = {
    save: async (r: PendingRegistration) => void pending.set(r.email, r),
    get: async (e: string) => pending.get(e),
  };
  return {
    identity,
    profiles,
    registrations,
    calls,
    stored,
    groups,
    clock: fixedClock(new Date('2026-11-24T12:00:00Z')),
  };
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
    expect(deps.stored.get('sub-1')).not.toHaveProperty('password');
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
    expect(deps.stored.size).toBe(0);
  });
});

describe('completeRegistration', () => {
  it.each(['addToGroup', 'createProfile'] as const)(
    'finishes an account whose registration crashed at %s, from the recorded request',
    async (failAt) => {
      const deps = fakes('none', failAt);
      await expect(registerAccount(deps, request)).rejects.toThrow('crash');
      expect(deps.stored.size).toBe(0);
      await expect(completeRegistration(deps, request.email)).resolves.toBe('completed-now');
      expect(deps.groups.get(request.email)).toBe('director');
      expect(deps.stored.get('sub-1')).toMatchObject({ role: 'director', name: 'Ann', timeZone: 'Europe/London' });
    },
  );

  it('only reads for a complete account, and does nothing without a recorded request', async () => {
    const deps = fakes();
    await registerAccount(deps, request);
    const before = deps.calls.length;
    await expect(completeRegistration(deps, request.email)).resolves.toBe('complete');
    expect(deps.calls).toHaveLength(before);
    await expect(completeRegistration(fakes(), 'nobody@example.com')).resolves.toBe('unknown');
  });
});
