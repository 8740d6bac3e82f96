import type { ApiClient } from './client';

let paths: Promise<ReadonlySet<string>> | undefined;

/**
 * The route templates the running API serves, from its OpenAPI document; used to offer a feature only once the
 * API has it (e.g. the calendar file). An unreachable document counts as "none".
 */
export function apiPaths(api: ApiClient): Promise<ReadonlySet<string>> {
  paths ??= api.get<{ paths?: Record<string, unknown> }>('/openapi.json').then(
    (document) => new Set(Object.keys(document.paths ?? {})),
    () => {
      paths = undefined;
      return new Set<string>();
    },
  );
  return paths;
}

export const calendarRoute = '/me/signups/{performanceId}/calendar.ics';

/** The API path of my calendar file for one audition. */
export const calendarPath = (performanceId: string) =>
  calendarRoute.replace('{performanceId}', encodeURIComponent(performanceId));
