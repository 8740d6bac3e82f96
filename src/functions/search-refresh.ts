import type { Context, ScheduledEvent } from 'aws-lambda';
import { config } from '../config';
import { syncSearchIndex } from '../adapters/dynamodb/performance-followups';
import { readPerformances } from '../adapters/dynamodb/performance-store';
import { queryFacet } from '../adapters/dynamodb/search-index';
import { logger } from './logger';

/**
 * Every quarter hour: re-files the performances whose next audition has begun under their new next audition
 * (or under "none upcoming"), so search keeps sorting by the next audition as time passes. Search itself never
 * shows them meanwhile: it reads only entries whose next audition lies ahead.
 */
export async function handler(event: ScheduledEvent, context: Context): Promise<{ refreshed: number }> {
  logger.addContext(context);
  const { tableName } = config();
  const now = new Date(event.time);
  let refreshed = 0;
  for (;;) {
    const page = await queryFacet(tableName, { facet: 'all', from: '0', to: now.toISOString(), limit: 50 });
    if (page.entries.length === 0) break;
    const performances = await readPerformances(
      tableName,
      page.entries.map((e) => e.performanceId),
    );
    for (const performance of performances) await syncSearchIndex(tableName, performance, performance, now);
    refreshed += performances.length;
    if (performances.length < page.entries.length) break; // entries of deleted performances: the stream removes them
  }
  logger.info('search refreshed', { at: event.time, refreshed });
  return { refreshed };
}
