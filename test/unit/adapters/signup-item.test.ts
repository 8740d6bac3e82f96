import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signUpItem, toSignUpRecord } from '../../../src/adapters/dynamodb/signup-store';
import { signUp, withdraw } from '../../../src/domain/sign-up-decisions';
import { performance, performer } from '../domain/decisions/fixtures';

/** A sign-up as the decision makes it, with real-length ids (UUIDs) for the performance, performer and slot. */
function madeSignUp(accessNeeds?: string) {
  const ids = { performanceId: randomUUID(), slotId: randomUUID() };
  const real = {
    ...performance,
    performanceId: ids.performanceId,
    slots: performance.slots.map((s, i) => (i ? s : { ...s, slotId: ids.slotId })),
  };
  const request = { signUpId: randomUUID(), slotId: ids.slotId, characterIds: ['hamlet'], accessNeeds };
  return signUp({ performance: real }, performer(randomUUID()), request, new Date('2027-01-05T00:00:00Z')).signUp;
}

describe('the sign-up item', () => {
  it('reads back as the record it was written from, whatever its status and reminder', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 40 }), { nil: undefined }), fc.boolean(), (needs, ended) => {
        const record = madeSignUp(needs || undefined);
        const stored = ended ? withdraw({ signUp: record }, new Date('2027-01-06T00:00:00Z')).signUp : record;
        expect(toSignUpRecord(JSON.parse(JSON.stringify(signUpItem(stored))))).toEqual(
          JSON.parse(JSON.stringify(stored)),
        );
      }),
      { numRuns: 30 },
    );
  });

  it('waits in the reminder index only while signed up with a reminder planned', () => {
    const record = madeSignUp();
    expect(signUpItem(record)).toHaveProperty('gsi3sk');
    expect(signUpItem(withdraw({ signUp: record }, new Date('2027-01-06T00:00:00Z')).signUp)).not.toHaveProperty(
      'gsi3sk',
    );
    expect(signUpItem({ ...record, reminderAt: undefined })).not.toHaveProperty('gsi3sk');
  });
});
