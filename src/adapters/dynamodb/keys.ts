/**
 * Every key of the single table, in one place. docs/data-model.md lists the access pattern each one serves.
 *
 *   pk                 sk                                item
 *   USER#<sub>         PROFILE                           profile
 *   PERF#<id>          COUNT#CHAR#<characterId>          cast count of a character   (sk sorts before META)
 *   PERF#<id>          COUNT#SLOT#<slotId>               taken places of a slot
 *   PERF#<id>          META                              the performance
 *   PERF#<id>          REMINDER#<slotId>#<instant>       one reminder: a slot's performers due at one instant
 *   PERF#<id>          SEARCH#<facet>                    one search index entry
 *   PERF#<id>          SIGNUP#<performerId>              a performer's sign-up
 *   OUTBOX#<id>        OUTBOX                            a notification waiting for the relay
 *   EMAIL#<key>        SENT                              the mailer's idempotency record
 */
export const keys = {
  profile: (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' }),
  performance: (performanceId: string) => ({ pk: `PERF#${performanceId}`, sk: 'META' }),
  slotCount: (performanceId: string, slotId: string) => ({ pk: `PERF#${performanceId}`, sk: `COUNT#SLOT#${slotId}` }),
  characterCount: (performanceId: string, characterId: string) => ({
    pk: `PERF#${performanceId}`,
    sk: `COUNT#CHAR#${characterId}`,
  }),
  signUp: (performanceId: string, performerId: string) => ({
    pk: `PERF#${performanceId}`,
    sk: `SIGNUP#${performerId}`,
  }),
  searchEntry: (performanceId: string, facet: string) => ({ pk: `PERF#${performanceId}`, sk: `SEARCH#${facet}` }),
  reminder: (performanceId: string, slotId: string, instant: string) => ({
    pk: `PERF#${performanceId}`,
    sk: `REMINDER#${slotId}#${instant}`,
  }),
  outbox: (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' }),
} as const;

/** Index keys: gsi1 lists by owner and by performer, gsi2 is the search index, gsi3 holds due reminders. */
export const indexKeys = {
  ownerPerformances: (ownerId: string, createdAt: string, performanceId: string) => ({
    gsi1pk: `OWNER#${ownerId}`,
    gsi1sk: `${createdAt}#${performanceId}`,
  }),
  performerSignUps: (performerId: string, createdAt: string, performanceId: string) => ({
    gsi1pk: `PERFORMER#${performerId}`,
    gsi1sk: `${createdAt}#${performanceId}`,
  }),
  search: (facet: string, nextAudition: string, performanceId: string) => ({
    gsi2pk: `SEARCH#${facet}`,
    gsi2sk: `${nextAudition}#${performanceId}`,
  }),
  dueReminder: (instant: string, performanceId: string, slotId: string) => ({
    gsi3pk: 'REMINDER',
    gsi3sk: `${instant}#${performanceId}#${slotId}`,
  }),
} as const;
