import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { useSyncExternalStore } from 'react';

/**
 * A dependency-free router on the history API. Paths are real URLs (`/performances/abc`); the servers answer
 * every path without a file extension with index.html, so reloads and shared links work.
 */

const listeners = new Set<() => void>();
let navigatedInApp = false;
/** A one-line message for the page being opened ("Performance posted."), shown once in its status area. */
let flash: { href: string; message: string } | undefined;

function notify(): void {
  navigatedInApp = true;
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', () => {
  flash = undefined;
  notify();
});

/** Goes to `to` (a path with optional query) inside the app, as a link would; `flash` is told on arrival. */
export function navigate(to: string, options: { replace?: boolean; flash?: string } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  flash = options.flash ? { href: currentHref(), message: options.flash } : undefined;
  window.scrollTo(0, 0);
  notify();
}

/** The message `navigate(…, { flash })` left for the current page, if any. */
export function useFlash(): string | undefined {
  const href = useSyncExternalStore(subscribe, currentHref);
  return flash?.href === href ? flash.message : undefined;
}

/** True once the user has moved inside the app (so a page should take focus), false on the first load. */
export function hasNavigated(): boolean {
  return navigatedInApp;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const currentHref = () => window.location.pathname + window.location.search;

export interface Location {
  readonly path: string;
  readonly query: URLSearchParams;
  /** path + search: changes whenever either does. */
  readonly href: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, currentHref);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, query: url.searchParams, href };
}

/**
 * Matches `/performances/:performanceId` against a path; returns the decoded parameters or undefined.
 *
 * A path whose parameter is not valid percent-encoding matches nothing.
 *
 * @example matchPath('/performances/:id', '/performances/abc') // { id: 'abc' }
 * @example matchPath('/performances/:id', '/performances/abc%E2%8') // undefined
 */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const source = pattern.replace(/:(\w+)/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${source}/?$`).exec(path);
  if (!match) return undefined;
  try {
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
  } catch {
    // A link a mail program cut inside an escape (`%E2%8`): no page has that address.
    return undefined;
  }
}

/** Builds a path with a query, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & {
  readonly to: string;
  readonly children: ReactNode;
  /** Navigation links say `aria-current="page"` when they lead to the page shown. */
  readonly markCurrent?: boolean;
};

/** A real link (`<a href>`) that navigates inside the app on a plain click. */
export function Link({ to, children, onClick, markCurrent = false, ...rest }: LinkProps) {
  const { path } = useLocation();
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  const current = markCurrent && path === to.split('?')[0];
  return (
    <a href={to} onClick={handle} aria-current={current ? 'page' : undefined} {...rest}>
      {children}
    </a>
  );
}
