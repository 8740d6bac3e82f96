import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import type * as z from 'zod/mini';
import { navigate, useLocation, withQuery } from '../app/router';
import { useSession } from '../app/session';
import { useForm } from './useForm';
import type { FieldErrors } from './validation';
import { check, errorsFromProblem } from './validation';

/** A page of a cursor-paged listing, as the API answers it. */
export interface CursorPage<T> {
  readonly results: T[];
  readonly next: string | null;
}

export type CursorResults<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: unknown }
  | {
      readonly status: 'ready';
      readonly results: T[];
      readonly next: string | null;
      /** Loading the next page: idle, loading, or the error it failed with. */
      readonly more: 'idle' | 'loading' | unknown;
    };

interface CursorSearchOptions<K extends string> {
  /** The page's own path (`/search`): the filters live in its query, so reload, back and shared links keep them. */
  readonly pagePath: string;
  /** The API listing (`/performances`). */
  readonly apiPath: string;
  readonly keys: readonly K[];
  /** The API's query schema: the filters are checked with it before they are sent. */
  readonly schema: z.ZodMiniType;
  /** The filters as the API's query, empty ones left out. */
  readonly toQuery: (filters: Record<K, string>) => Record<string, string | undefined>;
  /** Moves errors to the fields that show them (e.g. `skills.1` to `skills`). */
  readonly onFields?: (errors: FieldErrors) => FieldErrors;
  readonly pageSize?: number;
}

/**
 * A search form whose filters are the page's URL query, with its results paged by the API's cursor. A new URL is
 * a new search; the same search submitted again is a refresh; `showMore` adds the next page and then moves focus
 * to the first new result's link (inside `list`), so a keyboard user carries on from there.
 *
 * @example const search = useCursorSearch({ pagePath: '/search', apiPath: '/performances', keys, schema: searchQuery, toQuery });
 */
export function useCursorSearch<K extends string, T>(options: CursorSearchOptions<K>) {
  const { pagePath, apiPath, keys, schema, toQuery, onFields = (errors) => errors, pageSize = 10 } = options;
  const { api } = useSession();
  const { href } = useLocation();
  const filtersOf = (url: string) => {
    const query = new URL(url, window.location.origin).searchParams;
    return Object.fromEntries(keys.map((key) => [key, query.get(key) ?? ''])) as Record<K, string>;
  };
  const form = useForm<Record<K, string>>(() => filtersOf(href));
  const [results, setResults] = useState<CursorResults<T>>({ status: 'loading' });
  const [refreshes, setRefreshes] = useState(0);
  const firstNew = useRef<number | undefined>(undefined);
  const list = useRef<HTMLOListElement>(null);
  const limit = String(pageSize);

  useEffect(() => {
    const filters = filtersOf(href);
    form.setValue(filters);
    const checked = check(schema, toQuery(filters));
    if (!checked.ok) {
      form.fail(onFields(checked.errors));
      setResults({ status: 'ready', results: [], next: null, more: 'idle' });
      return;
    }
    let current = true;
    setResults({ status: 'loading' });
    api.get<CursorPage<T>>(withQuery(apiPath, { ...toQuery(filters), limit })).then(
      (page) => current && setResults({ status: 'ready', results: page.results, next: page.next, more: 'idle' }),
      (error: unknown) => {
        if (!current) return;
        form.fail(onFields(errorsFromProblem(error)));
        setResults({ status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, [href, api, refreshes]);

  useEffect(() => {
    if (firstNew.current === undefined || results.status !== 'ready') return;
    list.current?.querySelectorAll<HTMLAnchorElement>('h3 a')[firstNew.current]?.focus();
    firstNew.current = undefined;
  }, [results]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check(schema, toQuery(form.value));
    if (!checked.ok) return form.fail(onFields(checked.errors));
    form.setErrors({});
    const target = withQuery(pagePath, toQuery(form.value));
    // The same search again is a refresh: the listing may have changed since.
    if (target === href) setRefreshes((n) => n + 1);
    else navigate(target);
  };

  const showMore = () => {
    if (results.status !== 'ready' || !results.next) return;
    const { next } = results;
    setResults({ ...results, more: 'loading' });
    // The cursor belongs to the search in the URL (the API refuses it with other filters), not to unsent edits.
    api.get<CursorPage<T>>(withQuery(apiPath, { ...toQuery(filtersOf(href)), limit, cursor: next })).then(
      (page) => {
        firstNew.current = results.results.length;
        setResults({ status: 'ready', results: [...results.results, ...page.results], next: page.next, more: 'idle' });
      },
      (error: unknown) => setResults({ ...results, more: error }),
    );
  };

  return { form, results, onSubmit, showMore, list };
}
