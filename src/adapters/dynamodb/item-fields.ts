/**
 * The attributes of the items the stores read back, in one place: the stores read them, and the indexes that
 * list them (table-definition.ts) project exactly these, so an attribute the lists do not show (such as a sign-up's
 * place among those waiting for a reminder) changes no index entry when it changes.
 */

export const performanceFields = [
  'performanceId',
  'ownerId',
  'version',
  'title',
  'description',
  'kind',
  'director',
  'castingDirector',
  'venue',
  'dates',
  'characters',
  'slots',
  'castingClosed',
  'createdAt',
  'updatedAt',
] as const;

export const signUpFields = [
  'performanceId',
  'performerId',
  'signUpId',
  'slotId',
  'characterIds',
  'accessNeeds',
  'status',
  'castAs',
  'history',
  'reminderAt',
  'invite',
  'createdAt',
  'updatedAt',
  'performance',
  'slot',
  'characterNames',
  'castAsName',
  'performer',
] as const;

/** What a sign-up waiting for its reminder shows the dispatcher: who the performer is and how they read it. */
export const reminderFields = ['slotId', 'performer'] as const;
