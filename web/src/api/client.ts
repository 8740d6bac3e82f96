import { retryDelayMs } from './retry';

/** One field the API (or the same schema, run here) found wrong: `path` like `venue.timeZone`. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * An `application/problem+json` answer, or a network failure (`status` 0). `code` is the API's stable problem
 * code (`src/functions/http/problem.ts`); branch on it, never on the text.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(problemSentence(title, detail));
    this.name = 'ApiError';
  }

  /** The problem's words for people: see `problemSentence`. */
  get sentence(): string {
    return problemSentence(this.title, this.detail);
  }
}

// Words that do not change what a problem is about; the rest are compared by their stems.
const fillerWords = new Set(
  (
    'a an the this that these it its is are was be been has have had you your we our for of to in on at and or ' +
    'up already not no yet'
  ).split(' '),
);
const stem = (word: string) => (word.length > 4 ? word.replace(/(ing|ed|es|ly|s)$/, '') : word);

function meaningfulWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word && !fillerWords.has(word))
    .map(stem);
}

/** True when `detail` says again what `title` says (at least two thirds of its words), in its own wording. */
function restates(detail: string, title: string): boolean {
  const said = new Set(meaningfulWords(detail));
  const words = meaningfulWords(title);
  return words.filter((word) => said.has(word)).length * 3 >= words.length * 2;
}

const asSentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/**
 * A problem in words for people, each thing said once: the title (what kind of problem) and the detail (this
 * occurrence), or the detail alone when it restates the title, as "This audition slot is full." does "The
 * audition slot is full".
 *
 * @example problemSentence('The audition slot is full', 'This audition slot is full.') // 'This audition slot is full.'
 */
export function problemSentence(title: string, detail: string): string {
  const [t, d] = [title.trim(), detail.trim()];
  if (!d) return t ? asSentence(t) : '';
  if (!t || restates(d, t)) return asSentence(d);
  return `${asSentence(t)} ${asSentence(d)}`;
}

/**
 * True for a refusal that means the page no longer shows things as they are (a slot filled or began, casting
 * closed, a sign-up made or withdrawn elsewhere, a slot, character or performance removed): load it again.
 */
export function isOutOfDate(error: unknown): boolean {
  return (
    error instanceof ApiError && (error.status === 409 || error.status === 404 || error.code === 'invalid-reference')
  );
}

/** A call waiting to try again because the API is busy: the person is told it comes back in `seconds`. */
export interface Retrying {
  readonly seconds: number;
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** Fetches a file with the caller's token, e.g. an .ics, and returns it as a Blob. */
  download(path: string): Promise<Blob>;
  readonly baseUrl: string;
  /**
   * Calls `listener` whenever calls start or stop waiting to retry: with the latest wait while any call waits,
   * undefined once none does. Returns the way to stop listening.
   */
  onRetrying(listener: (retrying: Retrying | undefined) => void): () => void;
}

async function problemOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // not JSON: keep the status line
  }
  if (typeof body.code === 'string') {
    const issues = Array.isArray(body.errors)
      ? (body.errors as FieldIssue[]).map((e) => ({ path: String(e.path), message: String(e.message) }))
      : [];
    return new ApiError(response.status, body.code, String(body.title ?? ''), String(body.detail ?? ''), issues);
  }
  // API Gateway's own answers: {"message": "Unauthorized"} and the like.
  if (response.status === 401) return new ApiError(401, 'unauthenticated', 'Sign in first', 'Your session has ended.');
  if (response.status === 403) return new ApiError(403, 'forbidden', 'Not allowed', '');
  if (response.status === 404) return new ApiError(404, 'not-found', 'Not found', '');
  const message = typeof body.message === 'string' ? body.message : response.statusText;
  return new ApiError(response.status, 'http-error', `The server answered ${response.status}`, message);
}

/**
 * A small client for the Audition Me API: JSON in and out, `Authorization: Bearer <idToken>` when signed in,
 * problems thrown as `ApiError`. When the API refuses the token, `refresh` may get a new one in place of it (the
 * call is then made once more); if it answers undefined, `onUnauthenticated` runs so the app can sign out; if it
 * throws (the API cannot be reached), the call fails with that error and the session stays. When the API is busy
 * (503 or 429), a call that is safe to make again waits as asked (Retry-After) and is made again, a few times at
 * most (`retryDelayMs`); `onRetrying` tells the page meanwhile, so it can say so instead of showing an error.
 */
export function createApiClient(
  baseUrl: string,
  token: () => string | undefined,
  onUnauthenticated: () => void,
  refresh: (refused: string) => Promise<string | undefined> = async () => undefined,
): ApiClient {
  /** One call to the API; a refusal the client may retry (503, 429) comes back with its Retry-After. */
  async function once(
    method: string,
    path: string,
    body?: unknown,
    retried = false,
  ): Promise<Response | { readonly refused: ApiError; readonly retryAfter: string | null }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const idToken = token();
    if (idToken) headers.authorization = `Bearer ${idToken}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', 'Cannot reach Audition Me', 'Check your connection and try again.');
    }
    if (!response.ok) {
      const error = await problemOf(response);
      if (error.status === 401 && idToken) {
        if (!retried && (await refresh(idToken))) return once(method, path, body, true);
        onUnauthenticated();
      }
      if (error.status === 503 || error.status === 429) {
        return { refused: error, retryAfter: response.headers.get('retry-after') };
      }
      throw error;
    }
    return response;
  }

  // The calls now waiting to retry, each with the seconds it told the person; the latest wait is shown.
  const waits = new Map<number, number>();
  const listeners = new Set<(retrying: Retrying | undefined) => void>();
  let lastCall = 0;
  const setWait = (call: number, seconds: number | undefined) => {
    if (seconds === undefined) {
      if (!waits.delete(call)) return;
    } else {
      waits.delete(call);
      waits.set(call, seconds);
    }
    const latest = [...waits.values()].at(-1);
    const retrying = latest === undefined ? undefined : { seconds: latest };
    for (const listener of listeners) listener(retrying);
  };

  /**
   * A call, made again while the API answers that it is busy and `retryDelayMs` says the call may be retried
   * (see there which calls are safe to make twice); then its answer, or the last problem.
   */
  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    const id = ++lastCall;
    let waitedMs = 0;
    try {
      for (let attempts = 1; ; attempts++) {
        const answer = await once(method, path, body);
        if (!('refused' in answer)) return answer;
        const { refused, retryAfter } = answer;
        const wait = retryDelayMs({
          method,
          path,
          status: refused.status,
          code: refused.code,
          retryAfter,
          attempts,
          waitedMs,
          nowMs: Date.now(),
          random: Math.random(),
        });
        if (wait === undefined) throw refused;
        setWait(id, Math.max(1, Math.ceil(wait / 1000)));
        await new Promise((resolve) => setTimeout(resolve, wait));
        waitedMs += wait;
      }
    } finally {
      setWait(id, undefined);
    }
  }
  async function json<T>(response: Response): Promise<T> {
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return {
    baseUrl,
    get: async (path) => json(await call('GET', path)),
    send: async (method, path, body) => json(await call(method, path, body)),
    download: async (path) => (await call('GET', path)).blob(),
    onRetrying: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
