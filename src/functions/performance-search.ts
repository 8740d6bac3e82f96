import { searchCursorKey } from '../config';
import { readSearchCursor, searchCursor } from '../domain/search-cursor';
import { searchListing } from '../domain/search-listing';
import { protectedRoute } from './http/handler';
import { search } from './stores';
import { searchResultView } from './views';
import { searchQuery } from '../schemas/search';

/**
 * Searches performances through the search index only (never a Scan; see `searchListing`). The page's `next`
 * cursor holds where the listing stands and when it started, signed with the query that made it.
 */
export const handler = protectedRoute(
  'performance-search',
  { query: searchQuery },
  { search },
  async ({ query, receivedAt, stores }) => {
    const resumed = query.cursor === undefined ? undefined : readSearchCursor(query.cursor, query, searchCursorKey());
    const page = await searchListing(stores.search, query, resumed, receivedAt);
    return {
      body: {
        results: page.results.map(searchResultView),
        next: page.next ? searchCursor(page.next, query, searchCursorKey()) : null,
      },
    };
  },
);
