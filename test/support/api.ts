import { inject } from 'vitest';

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly contentType: string;
  readonly headers: Headers;
  readonly body: T;
}

/** Calls the local API and returns status, content type and the parsed body (text when it is not JSON). */
export async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${inject('apiUrl')}${path}`, { method, headers, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let parsed: unknown = text;
  if (/json/.test(contentType) && text) parsed = JSON.parse(text);
  return { status: response.status, contentType, headers: response.headers, body: parsed as T };
}

let counter = 0;
/** A unique email address for one test user. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@example.com`;
}

/** Signs up, confirms with the code cognito-local recorded, logs in; returns the ID token and the user id (its `sub`). */
export async function signedUpUser(role: 'performer' | 'director', overrides: Record<string, unknown> = {}) {
  const email = uniqueEmail(role);
  const password = 'correct-horse-battery';
  const signUp = await api('POST', '/auth/signup', {
    body: {
      email,
      password,
      role,
      name: `Test ${role}`,
      phone: '+14155550123',
      timeZone: 'America/Chicago',
      ...overrides,
    },
  });
  if (signUp.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(signUp.body)}`);
  const { body: codeBody } = await api<{ code: string }>(
    'GET',
    `/__local/confirmation-code?email=${encodeURIComponent(email)}`,
  );
  const confirm = await api('POST', '/auth/confirm', { body: { email, code: codeBody.code } });
  if (confirm.status !== 204) throw new Error(`confirm failed: ${JSON.stringify(confirm.body)}`);
  const login = await api<{ idToken: string }>('POST', '/auth/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  const claims = JSON.parse(Buffer.from(login.body.idToken.split('.')[1] ?? '', 'base64url').toString()) as {
    sub: string;
  };
  return { email, password, userId: claims.sub, token: login.body.idToken };
}
