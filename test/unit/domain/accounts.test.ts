import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  AccountDependencies,
  IdentityProvider,
  PendingRegistration,
  PendingRegistrationStore,
} from '../../../src/domain/accounts';
import { completeRegistration, registerAccount } from '../../../src/domain/accounts';
import { fixedClock } from '../../../src/domain/clock';
import type { AccountEmailCounter } from '../../../src/domain/account-email-limit';
import { accountEmailsPerHour } from '../../../src/domain/account-email-limit';
import { EmailTakenError, TooManyRequestsError, ValidationError } from '../../../src/domain/errors';
import type { Profile, ProfileStore, Role } from '../../../src/domain/profile';

type Step = 'signUp' | 'bind' | 'addToGroup' | 'createProfile';

interface FakeUser {
  userId: string;
  password: string;
  confirmed: boolean;
  name: string;
  phone: string;
  code: number;
}

/** In-memory stand-ins with Cognito's and DynamoDB's rules; `failAt` makes one step crash once (after it ran). */
function fakes(failAt?: Step) {
  const calls: string[] = [];
  let failing = failAt;
  const crashAfter = (step: Step) => {
    if (failing === step) {
      failing = undefined;
      throw new Error('crash');
    }
  };
  const users = new Map<string, FakeUser>();
  const groups = new Map<string, Role>();
  const identity: IdentityProvider = {
    async signUp(email, password, { name, phone }) {
      calls.push(`signUp ${email}`);
      if (users.has(email)) throw new EmailTakenError('taken');
      users.set(email, { userId: `sub-${users.size + 1}`, password, confirmed: false, name, phone, code: 1 });
      crashAfter('signUp');
      return `sub-${users.size}`;
    },
    async findUser(email) {
      const user = users.get(email);
      return user && { userId: user.userId, confirmed: user.confirmed, name: user.name, phone: user.phone };
    },
    async resendCode(email) {
      calls.push(`resend ${email}`);
      const user = users.get(email);
      if (!user || user.confirmed) throw new Error('Cognito refuses to resend here');
      user.code += 1;
    },
    async addToGroup(email, role) {
      calls.push(`group ${email} ${role}`);
      groups.set(email, role);
      crashAfter('addToGroup');
    },
  };
  const stored = new Map<string, Profile>();
  const profiles: ProfileStore = {
    async create(p) {
      crashAfter('createProfile');
      if (stored.has(p.userId)) return false;
      stored.set(p.userId, p);
      return true;
    },
    get: async (id) => stored.get(id),
    readMany: async (ids) => ids.flatMap((id) => stored.get(id) ?? []),
    update: async () => undefined,
  };
  const pending = new Map<string, PendingRegistration>();
  const registrations: PendingRegistrationStore = {
    async save(r) {
      if (pending.get(r.email)?.userId) return false;
      pending.set(r.email, r);
      return true;
    },
    async bind(r) {
      pending.set(r.email, r);
      crashAfter('bind');
    },
    get: async (e) => pending.get(e),
  };
  const notices: string[] = [];
  const counted = new Map<string, number>();
  const accountEmails: AccountEmailCounter = {
    async take(email, { window }, limit) {
      const key = `${email} ${window}`;
      if ((counted.get(key) ?? 0) >= limit) return false;
      counted.set(key, (counted.get(key) ?? 0) + 1);
      return true;
    },
    async giveBack(email, { window }) {
      const key = `${email} ${window}`;
      counted.set(key, Math.max(0, (counted.get(key) ?? 0) - 1));
    },
  };
  const deps: AccountDependencies = {
    identity,
    profiles,
    registrations,
    notices: { registrationAttempted: async (to) => void notices.push(`${to.email} ${to.name}`) },
    accountEmails,
    clock: fixedClock(new Date('2026-11-24T12:00:00Z')),
  };
  /** Confirms the code, as ConfirmSignUp does, then completes the account as POST /auth/confirm does. */
  const confirm = async (email: string) => {
    const user = users.get(email);
    if (user) user.confirmed = true;
    return completeRegistration(deps, email);
  };
  return { deps, calls, users, stored, groups, pending, notices, confirm, counted };
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
    const f = fakes();
    await expect(registerAccount(f.deps, request)).resolves.toBe('registered');
    expect(f.calls).toEqual(['signUp ann@example.com', 'group ann@example.com director']);
    expect(f.stored.get('sub-1')).toEqual({
      userId: 'sub-1',
      role: 'director',
      name: 'Ann',
      email: 'ann@example.com',
      phone: '+442071838750',
      timeZone: 'Europe/London',
      createdAt: '2026-11-24T12:00:00.000Z',
    });
    expect(f.stored.get('sub-1')).not.toHaveProperty('password');
  });

  const someoneElse = fc.record({
    password: fc.string({ minLength: 8, maxLength: 20 }),
    role: fc.constantFrom('performer' as const, 'director' as const),
    name: fc.string({ minLength: 1, maxLength: 20 }),
    phone: fc.constantFrom('+14155550123', '+442071838750'),
    timeZone: fc.constantFrom('UTC', 'America/Denver'),
  });

  it('never changes an existing account, confirmed or not, whatever a second sign-up asks; its owner gets an email', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), someoneElse, async (confirmed, other) => {
        const f = fakes();
        await registerAccount(f.deps, { ...request, role: 'performer' });
        if (confirmed) await f.confirm(request.email);
        const before = structuredClone({
          user: f.users.get(request.email),
          profiles: [...f.stored],
          groups: [...f.groups],
          pending: [...f.pending],
        });
        await expect(registerAccount(f.deps, { ...other, email: request.email })).resolves.toBe('taken');
        const { code, ...user } = f.users.get(request.email) ?? ({} as FakeUser);
        const { code: codeBefore, ...userBefore } = before.user ?? ({} as FakeUser);
        expect(user).toEqual(userBefore);
        expect([...f.stored]).toEqual(before.profiles);
        expect([...f.groups]).toEqual(before.groups);
        expect([...f.pending]).toEqual(before.pending);
        // The owner hears of it: a fresh code while unconfirmed, otherwise a note.
        expect(code).toBe(confirmed ? codeBefore : codeBefore + 1);
        expect(f.notices).toEqual(confirmed ? ['ann@example.com Ann'] : []);
      }),
      { numRuns: 50 },
    );
  });

  it('lets the registrant confirm with the fresh code a repeated sign-up sends, keeping what they first asked for', async () => {
    const f = fakes();
    await registerAccount(f.deps, request);
    await registerAccount(f.deps, { ...request, role: 'performer', name: 'Mallory', password: 'other-password' });
    await expect(f.confirm(request.email)).resolves.toBe('complete');
    expect(f.users.get(request.email)).toMatchObject({ password: 'secret-password', name: 'Ann', code: 2 });
    expect(f.stored.get('sub-1')).toMatchObject({ role: 'director', name: 'Ann' });
  });
});

describe('the account emails registerAccount may cause', () => {
  it('refuses a sign-up past the hourly limit of the address, confirmed or not, saying when to come back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), async (confirmed) => {
        const f = fakes();
        await registerAccount(f.deps, request);
        if (confirmed) await f.confirm(request.email);
        for (let i = 1; i < accountEmailsPerHour; i++) await registerAccount(f.deps, request);
        const calls = f.calls.length;
        const refused = await registerAccount(f.deps, request).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(TooManyRequestsError);
        // 12:00:00 on the fake clock: the next hour starts in 3600 s.
        expect(refused).toMatchObject({ code: 'too-many-requests', retryAfterSeconds: 3600 });
        expect(f.calls.length).toBe(calls);
        await expect(registerAccount(f.deps, { ...request, email: 'bo@example.com' })).resolves.toBe('registered');
      }),
      { numRuns: 4 },
    );
  });

  it('gives the place back when Cognito refused the sign-up before sending anything', async () => {
    const f = fakes();
    f.deps.identity.signUp = async () => {
      throw new ValidationError([{ path: 'password', message: 'too weak' }]);
    };
    for (let i = 0; i <= accountEmailsPerHour; i++) {
      await expect(registerAccount(f.deps, request)).rejects.toBeInstanceOf(ValidationError);
    }
    expect([...f.counted.values()]).toEqual([0]);
  });
});

describe('completeRegistration', () => {
  it.each(['bind', 'addToGroup', 'createProfile'] as const)(
    'finishes an account whose registration crashed after %s, from the recorded request',
    async (failAt) => {
      const f = fakes(failAt);
      await expect(registerAccount(f.deps, request)).rejects.toThrow('crash');
      // The registrant tries again: nothing changes, they get a fresh code; confirming completes the account.
      await expect(registerAccount(f.deps, request)).resolves.toBe('taken');
      await expect(f.confirm(request.email)).resolves.toBe('completed-now');
      expect(f.groups.get(request.email)).toBe('director');
      expect(f.stored.get('sub-1')).toMatchObject({ role: 'director', name: 'Ann', timeZone: 'Europe/London' });
    },
  );

  it('starts afresh when a registration crashed before the identity was created', async () => {
    const f = fakes();
    await f.deps.registrations.save({ ...request, role: 'performer', requestedAt: '2026-11-24T11:00:00.000Z' });
    await expect(registerAccount(f.deps, request)).resolves.toBe('registered');
    expect(f.stored.get('sub-1')).toMatchObject({ role: 'director' });
  });

  it('does not complete an account from a request that is not its own', async () => {
    const f = fakes('bind');
    await expect(registerAccount(f.deps, request)).rejects.toThrow('crash');
    // Someone else's request took the place of the unbound one (a race at the crash).
    f.pending.set(request.email, { ...request, role: 'performer', name: 'Mallory', requestedAt: 'x' });
    await expect(f.confirm(request.email)).resolves.toBe('unknown');
    expect(f.stored.size).toBe(0);
    expect(f.groups.size).toBe(0);
  });

  it('only reads for a complete account, and does nothing without a recorded request', async () => {
    const f = fakes();
    await registerAccount(f.deps, request);
    const before = f.calls.length;
    await expect(completeRegistration(f.deps, request.email)).resolves.toBe('complete');
    expect(f.calls).toHaveLength(before);
    await expect(completeRegistration(fakes().deps, 'nobody@example.com')).resolves.toBe('unknown');
  });
});
