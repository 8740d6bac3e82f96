import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Performance } from '../../domain/performance';
import type { SearchSummary } from '../../domain/search-summary';
import { searchSummary } from '../../domain/search-summary';
import { searchFacets } from '../../domain/search-terms';
import { documentClient } from './document-client';
import { indexKeys, indexPartitions, keys } from './keys';
import type { TransactionStep } from './transactions';
import { maxTransactionItems, transact } from './transactions';

export type { SearchSummary } from '../../domain/search-summary';
export { searchSummary } from '../../domain/search-summary';

/**
 * The writes that make the index match `after` (or remove it, when `after` is undefined): one entry per facet,
 * each keyed by the next audition so a query reads them in the order results are shown.
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
    write: {
      Put: {
        TableName: tableName,
        Item: {
          ...keys.searchEntry(performanceId, facet),
          ...indexKeys.search(facet, after?.nextAudition ?? '', performanceId),
          type: 'SearchEntry',
          ...after,
        },
      },
    },
  }));
  return [...deletes, ...puts];
}

/**
 * Makes the search index match a performance after a change (`before` → `after`), or removes it (`after`
 * undefined). Safe to repeat: entries are put and deleted by key.
 */
export async function writeSearchEntries(
  tableName: string,
  before: Performance | undefined,
  after: Performance | undefined,
  now: Date,
): Promise<void> {
  const steps = searchIndexSteps(
    tableName,
    (after ?? before)?.performanceId ?? '',
    before ? searchFacets(before) : [],
    after ? searchSummary(after, now) : undefined,
  );
  for (let i = 0; i < steps.length; i += maxTransactionItems) await transact(steps.slice(i, i + maxTransactionItems));
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
