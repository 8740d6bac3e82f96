import type { CancelReason } from '../follow-ups';
import type { SignUpChange } from '../sign-up-change';
import type { SignUpRecord } from '../signup';

/** Where sign-ups are kept. The store writes a decision as one unit and lets the database decide races. */
export interface SignUpStore {
  /** The performer's sign-up for the performance, or undefined when there is none. */
  find(performanceId: string, performerId: string): Promise<SignUpRecord | undefined>;
  /**
   * Every sign-up of a performance. `consistent`: every sign-up written before the call, as written (a strongly
   * consistent read, twice the read units); for decisions made from the list. Otherwise a sign-up written a
   * moment ago may be missing or show its previous state (enough for a view).
   */
  listOfPerformance(performanceId: string, options?: { readonly consistent?: boolean }): Promise<SignUpRecord[]>;
  /** A performer's sign-ups, newest first. */
  listOfPerformer(performerId: string): Promise<SignUpRecord[]>;
  /**
   * Writes the change, all or nothing: the sign-up only if still in the status `from` says, places never beyond
   * their limit, the performance only at the version decided on, and the notifications; a signed-up sign-up with
   * a `reminderAt` waits for its reminder from then on. Throws the DomainError of the first rule that fails
   * (slot-full, already-signed-up, not-signed-up, …). Returns what it wrote.
   */
  save(change: SignUpChange): Promise<SignUpChange>;
  /** As `save`, but a sign-up that has moved on from `from` meanwhile is left alone (undefined). */
  saveUnlessMovedOn(change: SignUpChange): Promise<SignUpChange | undefined>;
  /**
   * From now on these slots take no sign-up (a new one gets `CastingClosedError` if casting closed, else
   * `VersionConflictError`): a sign-up racing this call is either written before it, and read by anything that
   * lists the sign-ups after it, or refused.
   */
  closeSlots(performanceId: string, slotIds: readonly string[], reason: CancelReason): Promise<void>;
}
