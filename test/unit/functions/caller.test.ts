import { describe, expect, it } from 'vitest';
import { callerFor } from '../../../src/functions/http/caller';
import { ForbiddenError, UnauthenticatedError } from '../../../src/domain/errors';

const now = new Date('2026-11-24T12:00:00Z');
const exp = now.getTime() / 1000 + 600;
const context = (role: string) => ({ authenticated: true as const, sub: 'u1', email: 'a@example.com', role, exp });

describe('callerFor', () => {
  it('returns the caller for a role the route admits', () => {
    expect(callerFor('director', context('director'), now)).toEqual({
      userId: 'u1',
      email: 'a@example.com',
      role: 'director',
    });
    expect(callerFor('signed-in', context('performer'), now).role).toBe('performer');
  });

  it('refuses a missing or unauthenticated context with 401', () => {
    expect(() => callerFor('signed-in', undefined, now)).toThrow(UnauthenticatedError);
    expect(() => callerFor('signed-in', { authenticated: false, reason: 'invalid-token' }, now)).toThrow(
      UnauthenticatedError,
    );
  });

  it('refuses a token that expired after the authorizer cached it', () => {
    expect(() => callerFor('signed-in', { ...context('performer'), exp: now.getTime() / 1000 }, now)).toThrow(
      /expired/,
    );
  });

  it('refuses the wrong role, or no role, with 403', () => {
    expect(() => callerFor('director', context('performer'), now)).toThrow(ForbiddenError);
    expect(() => callerFor('signed-in', context('none'), now)).toThrow(ForbiddenError);
  });
});
