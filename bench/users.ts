import type { LocalSystem } from '../local/system';

export interface BenchUser {
  readonly userId: string;
  readonly email: string;
  readonly token: string;
}

let counter = 0;

async function call(system: LocalSystem, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${system.apiUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}

/** Signs a user up through the API, confirms with the code cognito-local recorded and logs in. */
export async function signedUpUser(system: LocalSystem, role: 'performer' | 'director'): Promise<BenchUser> {
  counter += 1;
  const email = `bench-${role}-${Date.now().toString(36)}-${counter}@bench.example.com`;
  const password = 'correct-horse-battery';
  const signUp = await call(system, 'POST', '/auth/signup', {
    email,
    password,
    role,
    name: `Bench ${role} ${counter}`,
    phone: '+14155550123',
    timeZone: 'Europe/London',
  });
  if (signUp.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(signUp.body)}`);
  const code = await system.confirmationCode(email);
  const confirm = await call(system, 'POST', '/auth/confirm', { email, code });
  if (confirm.status !== 204) throw new Error(`confirm failed: ${JSON.stringify(confirm.body)}`);
  const login = await call(system, 'POST', '/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  const token = String(login.body.idToken);
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sub: string };
  return { userId: claims.sub, email, token };
}

/** `count` users of a role, created `parallel` at a time. */
export async function signedUpUsers(
  system: LocalSystem,
  role: 'performer' | 'director',
  count: number,
  parallel = 10,
): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  for (let i = 0; i < count; i += parallel) {
    users.push(
      ...(await Promise.all(Array.from({ length: Math.min(parallel, count - i) }, () => signedUpUser(system, role)))),
    );
  }
  return users;
}

export { call as apiCall };
