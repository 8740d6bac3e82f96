import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Performance } from '../../domain/performance';
import type { SearchIndexChanges } from '../../domain/search-index-changes';
import { canonical, searchIndexChanges } from '../../domain/search-index-changes';
import type { SearchSummary } from '../../domain/search-summary';
import { searchFacets } from '../../domain/search-terms';
import type { WriteRequest } from './batch-write';
import { batchWrite, deleteItemsWithPrefix } from './batch-write';
import { documentClient } from './document-client';
import { indexKeys, indexPartitions, keyPrefixes, keys } from './keys';
import type { TransactionStep } from './transactions';

export type { SearchSummary } from '../../domain/search-summary';
export { searchSummary } from '../../domain/search-summary';

/**
 * The attribute that fingerprints an entry's summary, so a re-file changes an entry only while it still holds
 * what was read (see `refileSearchEntries`).
 */
const digestAttribute = 'summaryDigest';

const summaryDigest = (summary: SearchSummary) =>
  createHash('sha256').update(canonical(summary)).digest('base64url').slice(0, 22);

/** A facet's index entry: keyed by the next audition, so a query reads entries in the order results are shown. */
export function searchEntryItem(facet: string, summary: SearchSummary): Record<string, unknown> {
  return {
    ...keys.searchEntry(summary.performanceId, facet),
    ...indexKeys.search(facet, summary.nextAudition, summary.performanceId),
    type: 'SearchEntry',
    [digestAttribute]: summaryDigest(summary),
    ...summary,
  };
}

/**
 * Every entry write that files `after` in place of the facets `before`, as transaction steps. The search bench
 * loads its catalogue with these; the indexer writes only what changed (`writeSearchEntries`).
 */
export function searchIndexSteps(
  tableName: string,
  performanceId: string,
  before: readonly string[],
  after: SearchSummary | undefined,
): TransactionStep[] {
  const keep = new Set(after?.facets ?? []);
  const deletes = before
    .filter((facet) => !keep.has(facet))
    .map((facet) => ({ write: { Delete: { TableName: tableName, Key: keys.searchEntry(performanceId, facet) } } }));
  const puts = (after?.facets ?? []).map((facet) => ({
    write: { Put: { TableName: tableName, Item: searchEntryItem(facet, after as SearchSummary) } },
  }));
  return [...deletes, ...puts];
}

/** The summary an entry as stored carries (without its keys and bookkeeping). */
export function storedSummary(item: object): SearchSummary {
  const {
    pk: _pk,
    sk: _sk,
    gsi2pk: _gsi2pk,
    gsi2sk: _gsi2sk,
    type: _type,
    [digestAttribute]: _digest,
    ...rest
  } = item as Record<string, unknown>;
  return rest as unknown as SearchSummary;
}

/** Writes the changed entries of one performance: one put or delete each, no transaction (safe to repeat). */
export async function writeSearchChanges(
  tableName: string,
  performanceId: string,
  changes: SearchIndexChanges,
): Promise<void> {
  const { summary } = changes;
  const deletes: WriteRequest[] = changes.remove.map((facet) => ({
    DeleteRequest: { Key: keys.searchEntry(performanceId, facet) },
  }));
  const puts: WriteRequest[] = summary
    ? changes.put.map((facet) => ({ PutRequest: { Item: searchEntryItem(facet, summary) } }))
    : [];
  await batchWrite(tableName, [...deletes, ...puts]);
}

/**
 * Makes the index match a performance after a change (`before` → `after`): only the entries that differ are
 * written, so an edit that changes nothing a search shows writes none. When `after` is undefined (deleted), every
 * entry still stored is removed: the delete request removed them already unless it failed halfway or an earlier
 * change was filed after it, so what is left is read (cheap) rather than deleted blindly again.
 */
export async function writeSearchEntries(
  tableName: string,
  performanceId: string,
  before: SearchSummary | undefined,
  after: SearchSummary | undefined,
): Promise<void> {
  if (!after) {
    if (before) await removeStoredSearchEntries(tableName, performanceId);
    return;
  }
  await writeSearchChanges(tableName, performanceId, searchIndexChanges(before, after));
}

/** Deletes the entries of every facet a performance is filed under (the delete request: it leaves search at once). */
export async function removeSearchEntries(tableName: string, performance: Performance): Promise<void> {
  await writeSearchChanges(tableName, performance.performanceId, {
    put: [],
    remove: searchFacets(performance),
  });
}

/** Deletes whatever index entries of a performance are stored. */
export async function removeStoredSearchEntries(tableName: string, performanceId: string): Promise<void> {
  await deleteItemsWithPrefix(tableName, keys.searchEntry(performanceId, '').pk, keyPrefixes.searchEntry);
}

/**
 * Re-files the entries of a performance from `filed` (what its entries hold, as read) to `next`: each entry is
 * put only while it still holds `filed`, so an entry changed or deleted meanwhile (an edit, a deletion) is left
 * as it is and a deleted performance never comes back. Facets `next` adds are left to the stream's indexer.
 * Returns how many entries were re-filed.
 */
export async function refileSearchEntries(
  tableName: string,
  filed: SearchSummary,
  next: SearchSummary,
): Promise<number> {
  const changes = searchIndexChanges(filed, next);
  const wasFiled = new Set(filed.facets);
  const position = indexKeys.search('', filed.nextAudition, filed.performanceId).gsi2sk;
  const condition = {
    // Entries written before entries carried a digest are matched by their position.
    ConditionExpression: '#digest = :digest OR (attribute_not_exists(#digest) AND gsi2sk = :position)',
    ExpressionAttributeNames: { '#digest': digestAttribute },
    ExpressionAttributeValues: { ':digest': summaryDigest(filed), ':position': position },
  };
  const client = documentClient();
  const writes = [
    ...changes.put
      .filter((facet) => wasFiled.has(facet))
      .map(
        (facet) => () =>
          client.send(new PutCommand({ TableName: tableName, Item: searchEntryItem(facet, next), ...condition })),
      ),
    ...changes.remove.map(
      (facet) => () =>
        client.send(
          new DeleteCommand({ TableName: tableName, Key: keys.searchEntry(filed.performanceId, facet), ...condition }),
        ),
    ),
  ];
  const written = await Promise.all(
    writes.map(async (write) => {
      try {
        await write();
        return 1;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 0;
        throw error;
      }
    }),
  );
  return written.reduce((n: number, w) => n + w, 0);
}

/** An index entry as read: the summary and its keys (which make the page cursor). */
export type IndexEntry = SearchSummary & {
  readonly pk: string;
  readonly sk: string;
  readonly gsi2pk: string;
  readonly gsi2sk: string;
};

export interface IndexPage {
  readonly entries: IndexEntry[];
  /** The index position (`gsi2sk`) to continue after, when the partition has more. */
  readonly lastPosition?: string;
}

/** The placeholders the key condition uses; a filter must not reuse them, or it would change the range read. */
const keyPlaceholders = [':facetKey', ':rangeFrom', ':rangeTo'];

/**
 * One Query of the search index for a facet: entries whose index position lies in [from, to], after `startAfter`
 * (an index position) when given.
 */
export async function queryFacet(
  tableName: string,
  request: {
    facet: string;
    from: string;
    to: string;
    limit: number;
    startAfter?: string;
    filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
  },
): Promise<IndexPage> {
  const clash = Object.keys(request.filter?.values ?? {}).filter((name) => keyPlaceholders.includes(name));
  if (clash.length) throw new Error(`The search filter reuses the key condition's placeholders ${clash.join(', ')}`);
  const { Items = [], LastEvaluatedKey } = await documentClient().send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :facetKey AND gsi2sk BETWEEN :rangeFrom AND :rangeTo',
      ExpressionAttributeValues: {
        ...request.filter?.values,
        ':facetKey': indexPartitions.searchFacet(request.facet),
        ':rangeFrom': request.from,
        ':rangeTo': request.to,
      },
      ...(request.filter
        ? { FilterExpression: request.filter.expression, ExpressionAttributeNames: request.filter.names }
        : {}),
      Limit: request.limit,
      ExclusiveStartKey:
        request.startAfter === undefined ? undefined : indexStartKey(request.facet, request.startAfter),
    }),
  );
  const lastPosition = typeof LastEvaluatedKey?.gsi2sk === 'string' ? LastEvaluatedKey.gsi2sk : undefined;
  return { entries: Items as IndexEntry[], lastPosition };
}

/** The full key of the index entry at `position` (`<next audition>#<performance id>`) in a facet's partition. */
function indexStartKey(facet: string, position: string): Record<string, unknown> {
  const cut = position.indexOf('#');
  const nextAudition = position.slice(0, cut);
  const performanceId = position.slice(cut + 1);
  return { ...keys.searchEntry(performanceId, facet), ...indexKeys.search(facet, nextAudition, performanceId) };
}
