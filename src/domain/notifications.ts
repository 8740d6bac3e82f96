import type { InviteStamp } from './invite-stamp';

/**
 * The notifications a domain change causes. Each is written to the outbox in the same transaction as the change
 * (see docs/data-model.md) and turned into email by the outbox relay, so a change and its emails cannot part.
 * They carry a snapshot of everything the email shows, so a later edit cannot change what an email said.
 */
export interface Recipient {
  readonly name: string;
  readonly email: string;
  readonly timeZone: string;
}

export interface PerformanceSnapshot {
  readonly performanceId: string;
  readonly title: string;
  readonly venue: {
    readonly name: string;
    readonly address: string;
    readonly city: string;
    readonly country: string;
    readonly timeZone: string;
  };
  readonly director: { readonly name: string; readonly email: string };
}

export interface SlotSnapshot {
  readonly slotId: string;
  /** Start instant, ISO UTC. */
  readonly startsAt: string;
  readonly durationMinutes: number;
  readonly location: { readonly name: string; readonly address: string };
}

export interface PerformerSnapshot {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
}

interface AboutSignUp {
  readonly performance: PerformanceSnapshot;
  readonly slot: SlotSnapshot;
  readonly signUpId: string;
  readonly characters: readonly string[];
}

/** The calendar invite a notification carries: the version the sign-up recorded in the same write. */
interface WithInvite {
  /** Absent only in records written before invites were kept with their sign-ups. */
  readonly invite?: InviteStamp;
}

export type Notification =
  | (AboutSignUp & {
      readonly kind: 'signup-received';
      readonly to: readonly Recipient[];
      readonly performer: PerformerSnapshot;
    })
  | (AboutSignUp &
      WithInvite & {
        readonly kind: 'signup-confirmation';
        readonly to: Recipient;
        /** When the evening-before reminder is planned (ISO), if one is. */
        readonly reminderAt?: string;
      })
  | (AboutSignUp & WithInvite & { readonly kind: 'withdrawal'; readonly to: Recipient })
  | (AboutSignUp & {
      readonly kind: 'withdrawal-received';
      readonly to: readonly Recipient[];
      readonly performer: PerformerSnapshot;
    })
  | (AboutSignUp & { readonly kind: 'cast'; readonly to: Recipient; readonly character: string })
  | (AboutSignUp & {
      readonly kind: 'cast-undone';
      readonly to: Recipient;
      readonly character: string;
      /**
       * Set when the audition changed (time, length or place) while the performer was cast: the slot their calendar
       * still showed, and the updated invite the email carries. `slot` is the audition as it is now.
       */
      readonly moved?: { readonly previousSlot: SlotSnapshot; readonly invite: InviteStamp };
    })
  | (AboutSignUp & { readonly kind: 'not-cast'; readonly to: Recipient })
  | (AboutSignUp &
      WithInvite & {
        readonly kind: 'cancellation';
        readonly to: Recipient;
        readonly reason: 'performance-deleted' | 'slot-removed' | 'casting-closed';
      })
  | (AboutSignUp &
      WithInvite & {
        readonly kind: 'slot-moved';
        readonly to: Recipient;
        readonly previousSlot: SlotSnapshot;
      })
  | {
      /** Someone signed up with the address of an existing account (which stays as it was). */
      readonly kind: 'registration-attempted';
      readonly to: { readonly email: string; readonly name: string };
    }
  | {
      /** A director invites a listed performer to audition; the link opens the sign-up for the performance. */
      readonly kind: 'invitation';
      readonly to: Recipient;
      readonly invitationId: string;
      readonly performance: PerformanceSnapshot;
      /** The slot the director suggests, if any. */
      readonly slot?: SlotSnapshot;
      readonly message?: string;
    }
  | {
      readonly kind: 'reminder';
      /** The instant the reminder was planned for (ISO): with the slot, the identity of each reminder email. */
      readonly instant?: string;
      readonly to: readonly Recipient[];
      readonly performance: PerformanceSnapshot;
      readonly slot: SlotSnapshot;
    };

export type NotificationKind = Notification['kind'];
