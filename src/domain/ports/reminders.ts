import type { ReminderDispatch } from '../reminder-dispatch';
import type { ReminderRef } from '../sign-up-change';

/** One audition reminder that is due: the performers of one slot due a reminder at one instant. */
export interface DueReminder extends ReminderRef {
  readonly recipients: readonly string[];
}

/** Where reminders wait until they are due. Performers join and leave them through {@link SignUpStore} saves. */
export interface ReminderStore {
  /** Reminders due at or before `now`, oldest first, at most `limit`. */
  due(now: Date, limit?: number): Promise<DueReminder[]>;
  /**
   * Takes the reminder out of the due ones as the dispatch decided (with its notification, if sent), only if it
   * is still due: of two runs racing for it, one closes it and the other gets `'closed-already'`.
   */
  close(reminder: DueReminder, dispatch: ReminderDispatch, now: Date): Promise<'closed' | 'closed-already'>;
}
