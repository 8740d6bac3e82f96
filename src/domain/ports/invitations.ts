import type { Invitation, InvitationDecision } from '../invitation';

/** Where invitations to audition are kept. The store writes a decision as one unit and lets the database decide races. */
export interface InvitationStore {
  /**
   * Writes the invitation, all or nothing, with the performer's pointer to it, one more on the director's count for
   * the day and its email. Throws the DomainError of the first rule that no longer holds when written: the
   * performer still listed (`PerformerNotFoundError`) and taking invitations (`InvitationsOffError`), the
   * performance not deleted (`NotFoundError`) and casting open (`CastingClosedError`), no earlier invitation of the
   * pair (`AlreadyInvitedError`), the day's count below the limit (`InvitationLimitError`).
   */
  send(decision: InvitationDecision, now: Date): Promise<void>;
  /** The invitation of a performer to a performance, or undefined (a strongly consistent read). */
  find(performanceId: string, performerId: string): Promise<Invitation | undefined>;
  /** Every invitation to a performance, oldest first. */
  listOfPerformance(performanceId: string): Promise<Invitation[]>;
  /** A performer's invitations, newest first, at most `limit`. */
  listOfPerformer(performerId: string, limit: number): Promise<Invitation[]>;
  /** Stores `after` in place of `before` if its status is still `before`'s; `VersionConflictError` otherwise. */
  replace(before: Invitation, after: Invitation): Promise<void>;
  /** The ids of those of these invitations whose performer holds an active sign-up for the performance now. */
  signedUp(invitations: readonly Invitation[]): Promise<Set<string>>;
}
