import { useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  | { readonly status: 'loading'; readonly reload: () => void }
  | { readonly status: 'error'; readonly error: unknown; readonly reload: () => void }
  | { readonly status: 'ready'; readonly data: T; readonly reload: () => void; readonly replace: (data: T) => void };

/**
 * Loads data for a page and tracks loading, error and ready states. `reload` fetches again and keeps showing
 * the old data meanwhile, so lists do not flash empty after an action. A reload that fails keeps the data
 * shown too: the page, and any form on it with what the person typed, stays (the action that asked for the
 * reload has already said what went wrong); only a first load that fails shows the error.
 */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [state, setState] = useState<
    { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T }
  >({
    status: 'loading',
  });
  const [generation, setGeneration] = useState(0);
  const stableLoad = useCallback(load, deps);
  useEffect(() => {
    let current = true;
    stableLoad().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) =>
        current && setState((shown) => (shown.status === 'ready' ? shown : { status: 'error', error })),
    );
    return () => {
      current = false;
    };
  }, [stableLoad, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const replace = useCallback((data: T) => setState({ status: 'ready', data }), []);
  if (state.status === 'ready') return { ...state, reload, replace };
  return { ...state, reload };
}
