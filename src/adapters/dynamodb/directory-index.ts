import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DirectoryProfile, DirectorySummary } from '../../domain/directory';
import { directoryFieldsOf, directoryIndexChanges, directorySummary, indexedSummary } from '../../domain/directory';
import type { DirectoryEntry, DirectoryIndex } from '../../domain/ports/directory';
import { batchGet } from './batch-get';
import type { WriteRequest } from './batch-write';
import { batchWrite, deleteItemsWithPrefix } from './batch-write';
import { documentClient } from './document-client';
import { indexKeys, indexPartitions, keyPrefixes, keys } from './keys';
import type { TableChange } from './stream-records';

/** A facet's directory entry: keyed by name and id, so a query reads entries in the order results are shown. */
export function directoryEntryItem(facet: string, summary: DirectorySummary): Record<string, unknown> {
  return {
    ...keys.directoryEntry(summary.performerId, facet),
    ...indexKeys.directory(facet, summary.sortName, summary.performerId),
    type: 'DirectoryEntry',
    ...indexedSummary(summary),
  };
}

/** The summary an entry as stored carries (without its keys and type). */
function storedSummary(item: Record<string, unknown>): DirectorySummary {
  const { pk: _pk, sk: _sk, gsi2pk: _gsi2pk, gsi2sk: _gsi2sk, type: _type, ...rest } = item;
  return rest as unknown as DirectorySummary;
}

/** What the directory reads of a profile item: identity, role and directory fields (never contact details). */
export function directoryProfileOf(item: Record<string, unknown>): DirectoryProfile {
  return {
    userId: String(item.userId),
    role: String(item.role),
    name: String(item.name ?? ''),
    ...directoryFieldsOf(item),
    ...(Array.isArray(item.photos) && item.photos.length ? { photos: item.photos as string[] } : {}),
  };
}

/** A profile change (a stream record) as the directory sees the profile before and after it. */
export function directoryProfilesOf(change: TableChange): { before?: DirectoryProfile; after?: DirectoryProfile } {
  return {
    before: change.oldItem && directoryProfileOf(change.oldItem),
    after: change.newItem && directoryProfileOf(change.newItem),
  };
}

/** The attributes of a profile item the directory reads: what `directoryProfileOf` needs, nothing else. */
const profileProjection = [
  'userId',
  'role',
  'name',
  'listed',
  'ageMin',
  'ageMax',
  'gender',
  'genderCategory',
  'voiceType',
  'skills',
  'languages',
  'unions',
  'city',
  'country',
  'bio',
  'photos',
];

/** The full key of the entry at `position` (`<sort name>#<performer id>`) in a facet's partition. */
function startKey(facet: string, position: string): Record<string, unknown> {
  const cut = position.lastIndexOf('#');
  const sortName = position.slice(0, cut);
  const performerId = position.slice(cut + 1);
  return { ...keys.directoryEntry(performerId, facet), ...indexKeys.directory(facet, sortName, performerId) };
}

/** Deletes whatever directory entries of a performer are stored (their profile left the directory). */
async function removeStoredEntries(tableName: string, performerId: string): Promise<void> {
  await deleteItemsWithPrefix(tableName, keys.directoryEntry(performerId, '').pk, keyPrefixes.directoryEntry);
}

/**
 * Makes the index match a profile after a change (`before` → `after`): only the entries that differ are written, so
 * a change the directory does not show writes none. A performer who leaves the directory (unlisted, or the profile
 * deleted) has every stored entry removed, read from their partition rather than deleted blindly.
 */
async function writeEntries(
  tableName: string,
  before: DirectoryProfile | undefined,
  after: DirectoryProfile | undefined,
): Promise<void> {
  const was = before && directorySummary(before);
  const now = after && directorySummary(after);
  if (!now) {
    if (was) await removeStoredEntries(tableName, was.performerId);
    return;
  }
  const changes = directoryIndexChanges(was, now);
  const writes: WriteRequest[] = [
    ...changes.remove.map((facet) => ({ DeleteRequest: { Key: keys.directoryEntry(now.performerId, facet) } })),
    ...changes.put.map((facet) => ({ PutRequest: { Item: directoryEntryItem(facet, now) } })),
  ];
  await batchWrite(tableName, writes);
}

/** The profiles of these performers as they are now (strongly consistent, only the directory's attributes). */
async function readCurrent(tableName: string, performerIds: readonly string[]): Promise<DirectoryProfile[]> {
  const items = await batchGet(tableName, [...new Set(performerIds)].map(keys.profile), {
    consistentRead: true,
    attributes: profileProjection,
  });
  return items.map(directoryProfileOf);
}

/** The talent directory as entries `USER#<id>` / `DIRECTORY#<facet>`, read through gsi2 (see keys.ts). */
export function dynamoDirectoryIndex(tableName: string): DirectoryIndex {
  return {
    async read(request) {
      const { Items = [], LastEvaluatedKey } = await documentClient().send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :facetKey',
          ExpressionAttributeValues: { ':facetKey': indexPartitions.directoryFacet(request.facet) },
          Limit: request.limit,
          ExclusiveStartKey: request.startAfter === undefined ? undefined : startKey(request.facet, request.startAfter),
        }),
      );
      const entries: DirectoryEntry[] = Items.map((item) => ({
        ...storedSummary(item),
        position: String(item.gsi2sk),
      }));
      const lastPosition = typeof LastEvaluatedKey?.gsi2sk === 'string' ? LastEvaluatedKey.gsi2sk : undefined;
      return { entries, lastPosition };
    },
    async listedNow(performerIds) {
      const listed = new Map<string, DirectorySummary>();
      for (const profile of await readCurrent(tableName, performerIds)) {
        const summary = directorySummary(profile);
        if (summary) listed.set(profile.userId, summary);
      }
      return listed;
    },
    sync: (before, after) => writeEntries(tableName, before, after),
  };
}
