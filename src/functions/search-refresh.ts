import type { Context, ScheduledEvent } from 'aws-lambda';
import type { Performance } from '../domain/performance';
import type { SearchEntry } from '../domain/ports/search';
import { refiledSummary } from '../domain/search-index-changes';
import type { SearchSummary } from '../domain/search-summary';
import { searchSummary } from '../domain/search-summary';
import { logger } from './logger';
import { performances, search, storesOf } from './stores';

const stores = storesOf({ performances, search });

/**
 * Every quarter hour: re-files the performances whose next audition has begun under their new next audition
 * (or under "none upcoming"), so search keeps sorting by the next audition as time passes. Search itself never
 * shows them meanwhile: it reads only entries whose next audition lies ahead. The new position comes from the
 * entry itself (it carries the open auditions' starts), so no performance is read; an entry an edit or a deletion
 * changed meanwhile is left to the stream's indexer.
 */
export async function handler(event: ScheduledEvent, context: Context): Promise<{ refreshed: number }> {
  logger.addContext(context);
  const { performances, search } = stores();
  const now = new Date(event.time);
  let refreshed = 0;
  for (;;) {
    const page = await search.read({ facet: 'all', from: '0', to: now.toISOString(), limit: 50 });
    const filed = page.entries.map(({ position: _position, ...summary }: SearchEntry) => summary);
    // Entries filed before they carried their open auditions' starts are re-filed from their performance.
    const older = filed.filter((summary) => !summary.openAuditionStarts).map((summary) => summary.performanceId);
    const current = new Map((await performances.readMany(older)).map((p) => [p.performanceId, p]));
    let moved = 0;
    for (const summary of filed) {
      const next = nextSummary(summary, current, now);
      if (next && (await search.refile(summary, next)) > 0) moved += 1;
    }
    refreshed += moved;
    // What did not move was changed or deleted meanwhile: the stream's indexer files it.
    if (moved === 0) break;
  }
  logger.info('search refreshed', { at: event.time, refreshed });
  return { refreshed };
}

function nextSummary(
  summary: SearchSummary,
  current: ReadonlyMap<string, Performance>,
  now: Date,
): SearchSummary | undefined {
  const { openAuditionStarts } = summary;
  if (openAuditionStarts) return refiledSummary({ ...summary, openAuditionStarts }, now);
  const performance = current.get(summary.performanceId);
  return performance && searchSummary(performance, now);
}
