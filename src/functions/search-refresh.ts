import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from './logger';
import { stores } from './stores';

/**
 * Every quarter hour: re-files the performances whose next audition has begun under their new next audition
 * (or under "none upcoming"), so search keeps sorting by the next audition as time passes. Search itself never
 * shows them meanwhile: it reads only entries whose next audition lies ahead.
 */
export async function handler(event: ScheduledEvent, context: Context): Promise<{ refreshed: number }> {
  logger.addContext(context);
  const { performances, search } = stores();
  const now = new Date(event.time);
  let refreshed = 0;
  for (;;) {
    const page = await search.read({ facet: 'all', from: '0', to: now.toISOString(), limit: 50 });
    if (page.entries.length === 0) break;
    const due = await performances.readMany(page.entries.map((e) => e.performanceId));
    for (const performance of due) await search.refile(performance, now);
    refreshed += due.length;
    if (due.length < page.entries.length) break; // entries of deleted performances: the stream removes them
  }
  logger.info('search refreshed', { at: event.time, refreshed });
  return { refreshed };
}
