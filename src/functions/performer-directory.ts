import { searchCursorKey } from '../config';
import { directoryCursor, readDirectoryCursor } from '../domain/directory-cursor';
import { directoryListing } from '../domain/directory-search';
import { protectedRoute } from './http/handler';
import { directory } from './stores';
import { photoViews } from './photo-signing';
import { directoryCardView } from './performer-directory-views';
import { directoryQuery } from '../schemas/directory';

/**
 * Searches the talent directory (directors): through its index only, never a Scan (see `directoryListing`); a
 * performer shows only while their profile says listed. The page's `next` cursor is signed with the query.
 */
export const handler = protectedRoute(
  'performer-directory',
  { query: directoryQuery },
  { directory },
  async ({ query, receivedAt, stores }) => {
    const after = query.cursor === undefined ? undefined : readDirectoryCursor(query.cursor, query, searchCursorKey());
    const page = await directoryListing(stores.directory, query, after);
    return {
      body: {
        results: await Promise.all(
          page.results.map(async (r) => directoryCardView(r, await photoViews(r.performerId, r.photos, receivedAt))),
        ),
        next: page.next ? directoryCursor(page.next, query, searchCursorKey()) : null,
      },
    };
  },
);
