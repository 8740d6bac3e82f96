/**
 * Every key of the single table, in one place: no other module spells a key, a prefix or a fixed sort key.
 * docs/data-model.md lists the access pattern each one serves.
 *
 *   pk                     sk                                item
 *   USER#<sub>             PROFILE                           profile
 *   USER#<sub>             DIRECTORY#<facet>                 one talent-directory entry of a listed performer
 *   USER#<sub>             INVITATION#<createdAt>#<perfId>   a performer's pointer to an invitation they received
 *   INVITATIONS#<perfId>   INVITE#<performerId>              an invitation to audition (the one record of it)
 *   INVITECOUNT#<sub>      DAY#<yyyy-mm-dd>                  invitations a director sent that UTC day (TTL)
 *   REGISTRATION#<email>   PENDING                           a sign-up request waiting for its code (TTL)
 *   PERF#<id>              COUNT#CHAR#<characterId>          cast count of a character   (sk sorts before META)
 *   PERF#<id>              COUNT#SLOT#<slotId>               taken places of a slot
 *   PERF#<id>              GUARD                             what casting checks of the performance (sorts before META)
 *   PERF#<id>              META                              the performance
 *   PERF#<id>              SEARCH#<facet>                    one search index entry
 *   PERF#<id>              SIGNUP#<performerId>              a performer's sign-up (in gsi3 while it waits for a reminder)
 *   OUTBOX#<id>            OUTBOX                            a notification waiting for the relay
 *   EMAIL#<key>            SENT                              the mailer's idempotency record (TTL)
 *   ACCOUNTMAIL#<digest>   HOUR#<yyyy-mm-ddThh>              account emails sent to an address that hour (TTL)
 *   UNDELIVERABLE#<digest> SUPPRESSION                       an address SES reported bounced or complained
 */

import { createHash } from 'node:crypto';

/** The prefixes of keys; queries use them with `begins_with` or to cut an id back out of a key. */
export const keyPrefixes = {
  user: 'USER#',
  registration: 'REGISTRATION#',
  performance: 'PERF#',
  count: 'COUNT#',
  slotCount: 'COUNT#SLOT#',
  characterCount: 'COUNT#CHAR#',
  signUp: 'SIGNUP#',
  searchEntry: 'SEARCH#',
  outbox: 'OUTBOX#',
  sentEmail: 'EMAIL#',
  accountEmails: 'ACCOUNTMAIL#',
  accountEmailHour: 'HOUR#',
  undeliverable: 'UNDELIVERABLE#',
  owner: 'OWNER#',
  performer: 'PERFORMER#',
  searchFacet: 'SEARCH#',
  directoryEntry: 'DIRECTORY#',
  directoryFacet: 'DIRECTORY#',
  invitations: 'INVITATIONS#',
  invite: 'INVITE#',
  performerInvitation: 'INVITATION#',
  invitationCount: 'INVITECOUNT#',
  invitationDay: 'DAY#',
} as const;

/** The fixed sort keys. */
export const sortKeys = {
  profile: 'PROFILE',
  registration: 'PENDING',
  performance: 'META',
  performanceGuard: 'GUARD',
  outbox: 'OUTBOX',
  sentEmail: 'SENT',
  suppression: 'SUPPRESSION',
} as const;

const p = keyPrefixes;

/** An address as a short digest, so an item's key never holds the address itself. */
const addressDigest = (email: string) => createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32);

export const keys = {
  profile: (userId: string) => ({ pk: `${p.user}${userId}`, sk: sortKeys.profile }),
  registration: (email: string) => ({ pk: `${p.registration}${email}`, sk: sortKeys.registration }),
  performance: (performanceId: string) => ({ pk: `${p.performance}${performanceId}`, sk: sortKeys.performance }),
  performanceGuard: (performanceId: string) => ({
    pk: `${p.performance}${performanceId}`,
    sk: sortKeys.performanceGuard,
  }),
  slotCount: (performanceId: string, slotId: string) => ({
    pk: `${p.performance}${performanceId}`,
    sk: `${p.slotCount}${slotId}`,
  }),
  characterCount: (performanceId: string, characterId: string) => ({
    pk: `${p.performance}${performanceId}`,
    sk: `${p.characterCount}${characterId}`,
  }),
  signUp: (performanceId: string, performerId: string) => ({
    pk: `${p.performance}${performanceId}`,
    sk: `${p.signUp}${performerId}`,
  }),
  searchEntry: (performanceId: string, facet: string) => ({
    pk: `${p.performance}${performanceId}`,
    sk: `${p.searchEntry}${facet}`,
  }),
  directoryEntry: (performerId: string, facet: string) => ({
    pk: `${p.user}${performerId}`,
    sk: `${p.directoryEntry}${facet}`,
  }),
  /** An invitation: a performance's invitations are one partition, read by its owner with one Query. */
  invitation: (performanceId: string, performerId: string) => ({
    pk: `${p.invitations}${performanceId}`,
    sk: `${p.invite}${performerId}`,
  }),
  /** A performer's pointer to an invitation, newest last in their partition. */
  performerInvitation: (performerId: string, createdAt: string, performanceId: string) => ({
    pk: `${p.user}${performerId}`,
    sk: `${p.performerInvitation}${createdAt}#${performanceId}`,
  }),
  invitationCount: (directorId: string, day: string) => ({
    pk: `${p.invitationCount}${directorId}`,
    sk: `${p.invitationDay}${day}`,
  }),
  outbox: (id: string) => ({ pk: `${p.outbox}${id}`, sk: sortKeys.outbox }),
  sentEmail: (idempotencyKey: string) => ({ pk: `${p.sentEmail}${idempotencyKey}`, sk: sortKeys.sentEmail }),
  /** The address as a digest: the counter never holds the address itself. */
  accountEmails: (email: string, hour: string) => ({
    pk: `${p.accountEmails}${addressDigest(email)}`,
    sk: `${p.accountEmailHour}${hour}`,
  }),
  suppression: (email: string) => ({ pk: `${p.undeliverable}${addressDigest(email)}`, sk: sortKeys.suppression }),
} as const;

/**
 * The partition keys of the indexes, for queries: gsi1 by owner and by performer, gsi2 by search facet and by
 * directory facet, gsi3 reminders.
 */
export const indexPartitions = {
  owner: (ownerId: string) => `${p.owner}${ownerId}`,
  performer: (performerId: string) => `${p.performer}${performerId}`,
  searchFacet: (facet: string) => `${p.searchFacet}${facet}`,
  directoryFacet: (facet: string) => `${p.directoryFacet}${facet}`,
  dueReminders: 'REMINDER',
} as const;

/**
 * Index keys: gsi1 lists by owner and by performer, gsi2 is the search index, gsi3 holds the sign-ups waiting for
 * a reminder, by instant and then slot (so a slot's performers due at one instant are read together).
 */
export const indexKeys = {
  ownerPerformances: (ownerId: string, createdAt: string, performanceId: string) => ({
    gsi1pk: indexPartitions.owner(ownerId),
    gsi1sk: `${createdAt}#${performanceId}`,
  }),
  performerSignUps: (performerId: string, createdAt: string, performanceId: string) => ({
    gsi1pk: indexPartitions.performer(performerId),
    gsi1sk: `${createdAt}#${performanceId}`,
  }),
  search: (facet: string, nextAudition: string, performanceId: string) => ({
    gsi2pk: indexPartitions.searchFacet(facet),
    gsi2sk: `${nextAudition}#${performanceId}`,
  }),
  /** The talent directory, also in gsi2: a facet's listed performers in name order. */
  directory: (facet: string, sortName: string, performerId: string) => ({
    gsi2pk: indexPartitions.directoryFacet(facet),
    gsi2sk: `${sortName}#${performerId}`,
  }),
  dueReminder: (instant: string, performanceId: string, slotId: string) => ({
    gsi3pk: indexPartitions.dueReminders,
    // A short digest of the slot keeps its performers together in the index without the two ids' 73 bytes.
    gsi3sk: `${instant}#${createHash('sha256').update(`${performanceId}#${slotId}`).digest('base64url').slice(0, 12)}`,
  }),
} as const;
