import type { EmailAttachment } from '../email-message';

/**
 * The plain data the email renderers take. Every text in here may come from a user (titles, names, addresses),
 * so the renderers escape it for HTML and keep it out of subjects' line structure.
 */

export interface Person {
  readonly name: string;
  readonly email: string;
}

/** Whoever reads the email; times are shown in their zone (and the venue's). */
export interface Recipient extends Person {
  /** IANA zone, e.g. `Europe/London`. */
  readonly timeZone: string;
}

export interface PerformerContact extends Person {
  /** E.164, e.g. `+442071838750`. */
  readonly phone: string;
}

export interface VenueFacts {
  readonly name: string;
  readonly address: string;
  readonly city: string;
  readonly country: string;
  readonly timeZone: string;
}

export interface PerformanceFacts {
  readonly title: string;
  readonly venue: VenueFacts;
  /** Organiser of the calendar invites, and the performers' contact. */
  readonly director: Person;
}

export interface SlotFacts {
  /** The absolute start (see `auditionStart` in `src/domain/reminder.ts`). */
  readonly start: Date;
  readonly durationMinutes: number;
  /** Where the audition happens; the venue unless the slot says otherwise. */
  readonly location: { readonly name: string; readonly address: string };
}

/** Where in the web app the reader acts on the email, e.g. `{ label: 'See your auditions', url: 'https://…/my/auditions' }`. */
export interface EmailLink {
  readonly label: string;
  /** Absolute URL of the page. */
  readonly url: string;
}

/** Which version of a sign-up's calendar event an email carries. */
export interface InviteVersion {
  /** Gives the event's stable UID. */
  readonly signUpId: string;
  /** 0 for the confirmation; every later invite for the same sign-up (move, withdrawal, cancellation) higher. */
  readonly sequence: number;
  /** When the change happened: the invite's DTSTAMP. */
  readonly issuedAt: Date;
}

/** What every email about one performer's audition knows. */
export interface AuditionEmailInput {
  readonly recipient: Recipient;
  readonly performance: PerformanceFacts;
  readonly slot: SlotFacts;
  /** Names of the characters the performer signed up for. */
  readonly characters: readonly string[];
  /** The page where the reader acts on this email. */
  readonly link: EmailLink;
}

/** One rendered email, ready to become an `EmailMessage` with recipients and an idempotency key. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments?: EmailAttachment[];
}
