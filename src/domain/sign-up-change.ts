import type { Notification } from './notifications';
import type { SignUpRecord, SignUpStatus } from './signup';

/** One audition reminder: the performers of one slot due at one instant (ISO). */
export interface ReminderRef {
  readonly performanceId: string;
  readonly slotId: string;
  readonly instant: string;
}

/** A change to the count of a slot's taken places or of a character's cast performers. */
export interface PlacesChange {
  readonly by: 1 | -1;
  /**
   * When taking a place in a slot: how many there are, so the store refuses to go beyond; and the place is taken
   * only while the slot is as the sign-up's snapshot shows it, with this capacity, and takes sign-ups.
   */
  readonly limit?: number;
}

/**
 * What a decision about one sign-up changes, for a store to write as one unit: all of it or none.
 *
 * @example
 * // a withdrawal: the sign-up, still signed up when written, frees its place, tells two
 * { signUp: withdrawn, from: 'signed-up', slotPlaces: { by: -1 }, notifications: [n1, n2] }
 */
export interface SignUpChange {
  /** The sign-up as it is to be stored; while it is signed up with a `reminderAt`, it waits for that reminder. */
  readonly signUp: SignUpRecord;
  /** The status the stored sign-up must still be in; `'none-active'`: the performer holds no place yet. */
  readonly from: SignUpStatus | 'none-active';
  /**
   * Written only while the stored sign-up was last updated at this moment: the decision read it then, and builds
   * on what it read (a slot move: the previous slot, the invite's sequence).
   */
  readonly unchangedSince?: string;
  /** Written only while the performance is still at this version, with casting open. */
  readonly performanceVersion?: number;
  readonly slotPlaces?: PlacesChange;
  readonly characterPlaces?: PlacesChange & { readonly characterId: string };
  /**
   * A change to the count of performers cast in the sign-up's slot, which an edit removing the slot checks as it
   * writes (`PerformanceStore.replace`), so a casting racing that edit cannot leave a cast performer on no slot.
   */
  readonly slotCast?: 1 | -1;
  readonly notifications: readonly Notification[];
}
