import type { Recipient } from '../notifications';
import type { ReminderDispatch } from '../reminder-dispatch';
import type { ReminderRef } from '../sign-up-change';

/** A performer waiting for a reminder: who they are and how they read it (as their sign-up recorded it). */
export interface ReminderRecipient extends Recipient {
  readonly performerId: string;
}

/** One audition reminder that is due: the performers of one slot due a reminder at one instant. */
export interface DueReminder extends ReminderRef {
  readonly recipients: readonly ReminderRecipient[];
}

/**
 * Where sign-ups wait for their reminders until they are due. A sign-up waits while it is signed up with a
 * `reminderAt` (see {@link SignUpStore}); closing a reminder takes its performers out of the waiting ones.
 */
export interface ReminderStore {
  /** The reminders due at or before `now`, oldest first: at most `limit` performers, grouped by slot and instant. */
  due(now: Date, limit?: number): Promise<DueReminder[]>;
  /**
   * Records what the dispatch decided (its notification, if sent) and then takes each performer still waiting for
   * this reminder out of the waiting ones. A run that stops between the two sends the reminder again on the next
   * run: the reminder's emails are keyed by performance, slot, instant and address, so the mailer sends each once.
   */
  close(reminder: DueReminder, dispatch: ReminderDispatch, now: Date): Promise<void>;
}
