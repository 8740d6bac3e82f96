import type { Invitation, InvitationDecision, InvitationStanding } from '../invitation';

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
  /**
   * Where each of these invitations stands now, by invitation id: whether its performer holds an active sign-up for
   * the performance, and whether the performance is still casting, closed or deleted (one batch read for all).
   */
  standings(invitations: readonly Invitation[]): Promise<Map<string, InvitationStanding>>;
}
