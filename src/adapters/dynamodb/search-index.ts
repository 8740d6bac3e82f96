import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Performance } from '../../domain/performance';
import type { CharacterAttributes } from '../../domain/search-plan';
import { dateSpan, nextAuditionKey, searchFacets } from '../../domain/search-terms';
import { documentClient } from './document-client';
import { indexKeys, keys } from './keys';
import type { TransactionStep } from './transactions';

/** What a search result shows; every index entry carries it, so a search reads the index only. */
export interface SearchSummary {
  readonly performanceId: string;
  readonly title: string;
  readonly kind: 'live' | 'filmed';
  readonly venueName: string;
  readonly city: string;
  readonly country: string;
  readonly timeZone: string;
  readonly nextAudition: string;
  readonly firstDate?: string;
  readonly lastDate?: string;
  readonly characters: readonly string[];
  readonly characterAttributes: readonly CharacterAttributes[];
  readonly facets: readonly string[];
}

export function searchSummary(performance: Performance, now: Date): SearchSummary {
  return {
    performanceId: performance.performanceId,
    title: performance.title,
    kind: performance.kind,
    venueName: performance.venue.name,
    city: performance.venue.city,
    country: performance.venue.country,
    timeZone: performance.venue.timeZone,
    nextAudition: nextAuditionKey(performance, now),
    ...dateSpan(performance),
    characters: performance.characters.map((c) => c.name),
    characterAttributes: performance.characters.map((c) => ({ ...c.attributes })),
    facets: searchFacets(performance),
  };
}

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

/** An index entry as read: the summary and its keys (which make the page cursor). */
export type IndexEntry = SearchSummary & {
  readonly pk: string;
  readonly sk: string;
  readonly gsi2pk: string;
  readonly gsi2sk: string;
};

export interface IndexPage {
  readonly entries: IndexEntry[];
  readonly lastKey?: Record<string, unknown>;
}

/** One Query of the search index for a facet, entries whose next audition lies in [from, to). */
export async function queryFacet(
  tableName: string,
  request: {
    facet: string;
    from: string;
    to: string;
    limit: number;
    startKey?: Record<string, unknown>;
    filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
  },
): Promise<IndexPage> {
  const { Items = [], LastEvaluatedKey } = await documentClient().send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': `SEARCH#${request.facet}`,
        ':from': request.from,
        ':to': request.to,
        ...request.filter?.values,
      },
      ...(request.filter
        ? { FilterExpression: request.filter.expression, ExpressionAttributeNames: request.filter.names }
        : {}),
      Limit: request.limit,
      ExclusiveStartKey: request.startKey,
    }),
  );
  return { entries: Items as IndexEntry[], lastKey: LastEvaluatedKey };
}
