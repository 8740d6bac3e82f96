/**
 * The usage profile behind the cost model: what a monthly active performer and director do in a month. Every
 * number is an assumption, written down so it can be argued with; docs/cost.md explains each.
 */
export const usageProfile = {
  /** Of the monthly active users, performers (the rest are directors and casting directors). */
  performerShare: 0.9,
  /** Of the monthly active users, those who create their account this month (sign-up and confirmation). */
  newAccountShare: 0.2,
  performer: {
    sessions: 6,
    searches: 30,
    performanceViews: 15,
    profileViews: 6,
    mySignUpViews: 6,
    signUps: 2,
    withdrawals: 0.2,
    calendarDownloads: 0.5,
    profileEdits: 0.2,
  },
  director: {
    sessions: 8,
    performancesCreated: 1,
    performanceEdits: 2,
    performancesDeleted: 0.05,
    signUpListViews: 16,
    performerProfileViews: 10,
    myPerformanceViews: 8,
    performanceViews: 8,
    profileViews: 8,
    castings: 3,
    castingCloses: 1,
    profileEdits: 0.2,
  },
  /** A session logs in once and calls the authorizer about once per 5-minute cache window (~15 minutes). */
  authorizerCallsPerSession: 3,
  /** Audition slots per performance: each slot's start re-files the performance in the search index. */
  slotsPerPerformance: 2,
  /** Busiest second of the month ÷ average second (evening peaks, a popular call-out). */
  peakToAverage: 10,
  /** How long performances and sign-ups accumulate before storage is priced (months). */
  monthsStored: 12,
  /** The web UI through CloudFront: page loads per session, requests and bytes per (mostly cached) load. */
  web: { pageLoadsPerSession: 1.5, requestsPerPageLoad: 8, bytesPerPageLoad: 400_000 },
  /** CloudWatch Logs, bytes: API Gateway access log line per request; Lambda START/END/REPORT lines per invocation; an application line per email and per relayed outbox record. */
  logs: { accessLogBytes: 350, platformBytesPerInvocation: 300, applicationBytesPerEvent: 300 },
} as const;

/** Monthly counts, per monthly active user, of everything the profile makes the system do. */
export interface MonthlyEvents {
  readonly requests: Record<string, number>;
  readonly logins: number;
  readonly newAccounts: number;
  readonly sessions: number;
  readonly authorizerCalls: number;
  readonly signUps: number;
  readonly performancesCreated: number;
  /** Times the stream consumer re-files a performance in the search index (create, edit, a slot starting). */
  readonly indexSyncs: number;
  /** Outbox records written, hence SQS messages queued (a reminder is one message for its whole slot). */
  readonly outboxRecords: number;
  readonly emails: number;
  readonly reminderEmails: number;
}

/**
 * The profile as monthly events per monthly active user (a 90/10 mix of performers and directors).
 *
 * @example monthlyEventsPerUser().requests['performance-search'] // 27 (0.9 × 30)
 */
export function monthlyEventsPerUser(profile = usageProfile): MonthlyEvents {
  const p = profile.performerShare;
  const d = 1 - p;
  const { performer, director } = profile;
  const signUps = p * performer.signUps;
  const withdrawals = p * performer.withdrawals;
  const created = d * director.performancesCreated;
  const edits = d * director.performanceEdits;
  const sessions = p * performer.sessions + d * director.sessions;
  const requests: Record<string, number> = {
    'auth-signup': profile.newAccountShare,
    'auth-confirm': profile.newAccountShare,
    'auth-login': sessions,
    'me-get': p * performer.profileViews + d * director.profileViews,
    'me-update': p * performer.profileEdits + d * director.profileEdits,
    'performance-search': p * performer.searches,
    'performance-get': p * performer.performanceViews + d * director.performanceViews,
    'performance-create': created,
    'performance-update': edits,
    'performance-delete': d * director.performancesDeleted,
    'my-performances': d * director.myPerformanceViews,
    'signup-create': signUps,
    'signup-withdraw': withdrawals,
    'my-signups': p * performer.mySignUpViews,
    'signup-calendar': p * performer.calendarDownloads,
    'signups-list': d * director.signUpListViews,
    'performer-profile-get': d * director.performerProfileViews,
    'casting-create': d * director.castings,
    'casting-close': d * director.castingCloses,
  };
  // Per sign-up: "new sign-up" to the director and the casting director, the performer's confirmation, the
  // evening-before reminder, and the final status (cast or not cast). A withdrawal adds one email.
  const emailsPerSignUp = 2 + 1 + 1 + 1;
  const reminderEmails = signUps;
  // Outbox records: sign-up (2: received, confirmation), final status (1), withdrawal (1); reminders are one
  // record per slot, shared by its performers (~20 a slot at these volumes, so ~0.05 a sign-up).
  const outboxRecords = signUps * (2 + 1) + withdrawals + signUps / 20;
  return {
    requests,
    logins: sessions,
    newAccounts: profile.newAccountShare,
    sessions,
    authorizerCalls: sessions * profile.authorizerCallsPerSession,
    signUps,
    performancesCreated: created,
    indexSyncs: created * (1 + profile.slotsPerPerformance) + edits,
    outboxRecords,
    emails: signUps * emailsPerSignUp + withdrawals,
    reminderEmails,
  };
}
