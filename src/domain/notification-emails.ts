import type { EmailMessage } from './email-message';
import { firstInvite, nextInvite } from './invite-stamp';
import type { InviteStamp } from './invite-stamp';
import { recipientKey } from './email-delivery';
import type { EmailLink, InviteVersion, PerformanceFacts, RenderedEmail, SlotFacts } from './emails';
import {
  renderAuditionReminder,
  renderCancellation,
  renderCast,
  renderCastUndone,
  renderInvitation,
  renderNotCast,
  renderRegistrationAttempted,
  renderSignUpConfirmation,
  renderSignUpReceived,
  renderSlotMoved,
  renderWithdrawal,
  renderWithdrawalReceived,
} from './emails';
import type { Notification, PerformanceSnapshot, SlotSnapshot } from './notifications';

const performanceFacts = (p: PerformanceSnapshot): PerformanceFacts => ({
  title: p.title,
  venue: p.venue,
  director: p.director,
});

const slotFacts = (s: SlotSnapshot): SlotFacts => ({
  start: new Date(s.startsAt),
  durationMinutes: s.durationMinutes,
  location: s.location,
});

const inviteVersion = (signUpId: string, stamp: InviteStamp): InviteVersion => ({
  signUpId,
  sequence: stamp.sequence,
  issuedAt: new Date(stamp.issuedAt),
});

/**
 * The page of the web app where the reader of a notification acts on it: the director's sign-up list for the
 * casting team; the performance's page with the invitation (and its suggested slot) for an invited performer; the
 * performance, where the performer can sign up again, after a withdrawal or a removed slot; the performer's own
 * auditions (their sign-up and its status) otherwise.
 *
 * @example linkFor(notification, 'https://d1234.cloudfront.net') // { label: 'See the sign-ups', url: 'https://…/performances/p1/signups' }
 */
export function linkFor(notification: Notification, webBaseUrl: string): EmailLink {
  const base = webBaseUrl.replace(/\/+$/, '');
  if (notification.kind === 'registration-attempted')
    return { label: 'Sign in to Audition Me', url: `${base}/sign-in` };
  const performance = `${base}/performances/${encodeURIComponent(notification.performance.performanceId)}`;
  if (notification.kind === 'invitation') {
    // Written by URLSearchParams, so the link is already in the form a browser normalises it to (`'` as %27).
    const url = new URL(performance);
    url.searchParams.set('invitation', notification.invitationId);
    if (notification.slot) url.searchParams.set('slot', notification.slot.slotId);
    return { label: 'Sign up to audition in Audition Me', url: url.href };
  }
  const myAuditions = { label: 'See your auditions in Audition Me', url: `${base}/my/auditions` };
  switch (notification.kind) {
    case 'signup-received':
    case 'withdrawal-received':
      return { label: 'See the sign-ups in Audition Me', url: `${performance}/signups` };
    case 'withdrawal':
      return { label: 'See the performance in Audition Me', url: performance };
    case 'cancellation':
      return notification.reason === 'slot-removed'
        ? { label: 'See the performance and its other slots in Audition Me', url: performance }
        : myAuditions;
    case 'signup-confirmation':
    case 'cast':
    case 'cast-undone':
    case 'not-cast':
    case 'slot-moved':
    case 'reminder':
      return myAuditions;
  }
}

/**
/**
 * The emails a notification becomes: one message per reader (each sees times in their own zone), except the
 * reminder, which is one message for all its readers (the mailer sends it to each of them separately).
 * Idempotency keys derive from the outbox record's id (a reminder's from the reminder), so a repeated relay never
 * sends twice.
 *
 * @example emailsFor(notification, outboxId, new Date(createdAt), 'https://d1234.cloudfront.net') // [{ idempotencyKey: `${outboxId}`, to: […], … }]
 */
export function emailsFor(
  notification: Notification,
  outboxId: string,
  issuedAt: Date,
  webBaseUrl: string,
): EmailMessage[] {
  const link = linkFor(notification, webBaseUrl);
  const message = (rendered: RenderedEmail, to: readonly string[], key = outboxId): EmailMessage => ({
    idempotencyKey: key,
    to: [...to],
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    ...(rendered.attachments?.length ? { attachments: rendered.attachments } : {}),
  });
  if (notification.kind === 'reminder') {
    const rendered = renderAuditionReminder({
      recipients: notification.to,
      performance: performanceFacts(notification.performance),
      slot: slotFacts(notification.slot),
      link,
    });
    // Keyed by the reminder, not the outbox record: a reminder sent again (a dispatcher run that stopped before it
    // took its performers out) reaches nobody twice. A single recipient's key is the one it would have among many.
    const key = notification.instant
      ? `reminder/${notification.performance.performanceId}/${notification.slot.slotId}/${notification.instant}`
      : outboxId;
    const to = notification.to.map((r) => r.email);
    return [message(rendered, to, to.length === 1 && notification.instant ? recipientKey(key, to[0] as string) : key)];
  }
  if (notification.kind === 'registration-attempted') {
    return [message(renderRegistrationAttempted({ recipient: notification.to, link }), [notification.to.email])];
  }
  if (notification.kind === 'invitation') {
    const rendered = renderInvitation({
      recipient: notification.to,
      performance: performanceFacts(notification.performance),
      ...(notification.slot ? { slot: slotFacts(notification.slot) } : {}),
      ...(notification.message ? { message: notification.message } : {}),
      link,
    });
    return [message(rendered, [notification.to.email])];
  }
  const common = {
    performance: performanceFacts(notification.performance),
    slot: slotFacts(notification.slot),
    characters: notification.characters,
    link,
  };
  // The invite's SEQUENCE and DTSTAMP are those the sign-up recorded with the change (an outbox record written
  // before they were kept takes the version the sign-up would have had).
  const invite = (first: boolean): InviteVersion => {
    const stamp =
      'invite' in notification && notification.invite
        ? notification.invite
        : first
          ? firstInvite(issuedAt)
          : nextInvite({}, issuedAt);
    return inviteVersion(notification.signUpId, stamp);
  };
  switch (notification.kind) {
    case 'signup-received':
      return notification.to.map((recipient, i) =>
        message(
          renderSignUpReceived({ ...common, recipient, performer: notification.performer }),
          [recipient.email],
          `${outboxId}#${i}`,
        ),
      );
    case 'withdrawal-received':
      return notification.to.map((recipient, i) =>
        message(
          renderWithdrawalReceived({ ...common, recipient, performer: notification.performer }),
          [recipient.email],
          `${outboxId}#${i}`,
        ),
      );
    case 'signup-confirmation':
      return [
        message(
          renderSignUpConfirmation({
            ...common,
            recipient: notification.to,
            invite: invite(true),
            reminderAt: notification.reminderAt ? new Date(notification.reminderAt) : undefined,
          }),
          [notification.to.email],
        ),
      ];
    case 'withdrawal':
      return [
        message(renderWithdrawal({ ...common, recipient: notification.to, invite: invite(false) }), [
          notification.to.email,
        ]),
      ];
    case 'cast':
      return [
        message(
          renderCast({
            recipient: notification.to,
            performance: common.performance,
            character: notification.character,
            link,
          }),
          [notification.to.email],
        ),
      ];
    case 'cast-undone':
      return [
        message(
          renderCastUndone({
            recipient: notification.to,
            performance: common.performance,
            character: notification.character,
            link,
            ...(notification.moved
              ? {
                  moved: {
                    slot: common.slot,
                    previousSlot: slotFacts(notification.moved.previousSlot),
                    characters: notification.characters,
                    invite: inviteVersion(notification.signUpId, notification.moved.invite),
                  },
                }
              : {}),
          }),
          [notification.to.email],
        ),
      ];
    case 'not-cast':
      return [
        message(
          renderNotCast({
            recipient: notification.to,
            performance: common.performance,
            characters: notification.characters,
            link,
          }),
          [notification.to.email],
        ),
      ];
    case 'cancellation':
      return [
        message(
          renderCancellation({
            ...common,
            recipient: notification.to,
            reason: notification.reason,
            invite: invite(false),
          }),
          [notification.to.email],
        ),
      ];
    case 'slot-moved':
      return [
        message(
          renderSlotMoved({
            ...common,
            recipient: notification.to,
            previousSlot: slotFacts(notification.previousSlot),
            invite: invite(false),
          }),
          [notification.to.email],
        ),
      ];
  }
}
