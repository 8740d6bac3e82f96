/**
 * Every email Audition Me sends, one render function per kind. Each takes plain data and returns the subject,
 * plain text and HTML (and, where the audition changes, a calendar invite) for its reader.
 */
export type * from './email-input';
export { renderSignUpReceived, type SignUpReceivedInput } from './sign-up-received';
export { renderSignUpConfirmation, type SignUpConfirmationInput } from './sign-up-confirmation';
export { renderWithdrawal, type WithdrawalInput } from './withdrawal';
export { renderWithdrawalReceived, type WithdrawalReceivedInput } from './withdrawal-received';
export { renderCast, type CastInput } from './cast';
export { renderCastUndone, type CastUndoneInput } from './cast-undone';
export { renderNotCast, type NotCastInput } from './not-cast';
export { renderCancellation, type CancellationInput, type CancellationReason } from './cancellation';
export { renderSlotMoved, type SlotMovedInput } from './slot-moved';
export { renderAuditionReminder, type AuditionReminderInput } from './audition-reminder';
export { renderRegistrationAttempted, type RegistrationAttemptedInput } from './registration-attempted';
export { renderInvitation, type InvitationInput } from './invitation';
