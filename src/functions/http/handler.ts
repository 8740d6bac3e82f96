import type * as z from 'zod/mini';
import { routeOf } from '../../manifest';
import type { RouteName, contracts } from '../../schemas/contracts';
import { NotFoundError } from '../../domain/errors';
import type { Profile } from '../../domain/profile';
import type { StoreBuilders, StoresOf } from '../stores';
import { profiles, storesOf } from '../stores';
import type { Caller } from './caller';
import type { HttpEvent, HttpResponse, ParsedRequest, RouteHandler } from './route';
import { routeHandler } from './route';

export type { HttpEvent, HttpHandler, HttpResponse, RouteHandler } from './route';

export interface HttpRequest<B, Q, P, S> {
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  /** When API Gateway received the request. */
  readonly receivedAt: Date;
  readonly event: HttpEvent;
  /** The stores the route named, built on this deployment's table (once per cold start). */
  readonly stores: S;
}

/** A request of a signed-in caller. */
export interface ProtectedRequest {
  /** The caller's profile (read once, when first asked); `NotFoundError` when the account has none. */
  readonly callerProfile: () => Promise<Profile>;
  /** The caller's own time zone (from the same profile read), for the times in a view. */
  readonly readerTimeZone: () => Promise<string>;
}

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
type Field<K extends RouteName, F extends string> =
  (typeof contracts)[K] extends Record<F, infer S> ? Out<S> : undefined;
/** The validated request of route K, typed from its contract, with the stores `S` builds. */
export type RequestOf<K extends RouteName, S extends StoreBuilders> = HttpRequest<
  Field<K, 'body'>,
  Field<K, 'query'>,
  Field<K, 'params'>,
  StoresOf<S>
>;

/**
 * The schemas route K validates its request with: the ones its contract in `src/schemas/contracts.ts` names (the
 * type requires exactly those, and `test/unit/functions/route-schemas.test.ts` checks they are the same objects).
 * Each function imports them itself rather than the whole table of contracts, so its bundle carries only its own
 * route's validation.
 */
export type RequestSchemas<K extends RouteName> = Pick<
  (typeof contracts)[K],
  Extract<keyof (typeof contracts)[K], 'body' | 'query' | 'params'>
>;

function build<K extends RouteName, S extends StoreBuilders>(
  name: K,
  schemas: RequestSchemas<K>,
  storesUsed: S,
  handle: (request: RequestOf<K, S>, caller: Caller | undefined) => Promise<HttpResponse>,
  reads?: (caller: Caller) => ProtectedRequest,
): RouteHandler {
  const tableStores = storesOf(storesUsed);
  return routeHandler(name, schemas, (parsed: ParsedRequest, caller) => {
    const request = {
      ...parsed,
      get stores() {
        return tableStores();
      },
      ...(caller && reads ? reads(caller) : {}),
    } as RequestOf<K, S>;
    return handle(request, caller);
  });
}

/**
 * A handler for a public route of the manifest: validates the request with the route's schemas (those of its
 * contract in `src/schemas/contracts.ts`), calls `handle` with the stores `storesUsed` names (builders from
 * `../stores`, so the function's bundle carries only those), and maps every error to `application/problem+json`.
 * Handlers throw; they never build error bodies.
 *
 * @example export const handler = publicRoute('performance-search', { query: searchQuery }, { search }, async ({ query, stores }) => …);
 */
export function publicRoute<K extends RouteName, S extends StoreBuilders>(
  name: K,
  schemas: RequestSchemas<K>,
  storesUsed: S,
  handle: (request: RequestOf<K, S>) => Promise<HttpResponse>,
): RouteHandler {
  return build(name, schemas, storesUsed, (request) => handle(request));
}

/**
 * A handler for a route that needs a signed-in caller; the route's access rule comes from the manifest. Like
 * `publicRoute`, it builds only the stores `storesUsed` names, and reads the caller's profile when asked.
 *
 * @example export const handler = protectedRoute('my-signups', {}, { signUps }, async ({ stores }, caller) => ({ body: … }));
 */
export function protectedRoute<K extends RouteName, S extends StoreBuilders>(
  name: K,
  schemas: RequestSchemas<K>,
  storesUsed: S,
  handle: (request: RequestOf<K, S> & ProtectedRequest, caller: Caller) => Promise<HttpResponse>,
): RouteHandler {
  if (routeOf(name).access === 'public') throw new Error(`${name} is a public route; use publicRoute`);
  const profileStore = storesOf({ profiles });
  return build(
    name,
    schemas,
    storesUsed,
    (request, caller) => handle(request as RequestOf<K, S> & ProtectedRequest, caller as Caller),
    (caller) => callerReads(caller, profileStore),
  );
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** What a protected request reads about its caller, each read at most once. */
function callerReads(caller: Caller, profileStore: () => StoresOf<{ profiles: typeof profiles }>): ProtectedRequest {
  const callerProfile = once(async () => {
    const profile = await profileStore().profiles.get(caller.userId);
    if (!profile) throw new NotFoundError('No profile exists for this account.');
    return profile;
  });
  return { callerProfile, readerTimeZone: async () => (await callerProfile()).timeZone };
}
