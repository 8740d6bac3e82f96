import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { createServer, connect } from 'node:net';

/** A free TCP port on 127.0.0.1, chosen by the OS. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port; rejects if `child` exits first. */
export async function waitForPort(port: number, name: string, child?: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child?.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${name} exited before it was ready`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not open port ${port} within ${timeoutMs / 1000} s`);
}

/** Stops a child process: SIGTERM, then SIGKILL if it is still there after a grace period. */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Throws one clear line when Java 17+ (needed by DynamoDB Local) is missing. */
export function assertJava17(java = 'java'): void {
  const howTo =
    'DynamoDB Local needs Java 17 or newer: install it (Debian/Ubuntu: `apt-get install -y openjdk-17-jre-headless`; ' +
    'macOS: `brew install openjdk@17`) and make sure `java` is on the PATH.';
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new Error(howTo);
  const major = Number(/version "(\d+)/.exec(result.stderr + result.stdout)?.[1] ?? 0);
  if (major < 17) throw new Error(`Found Java ${major}. ${howTo}`);
}

/** Throws a clear line naming the first of these ports that something on this machine already listens on. */
export async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  for (const [name, port] of Object.entries(ports)) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (!free) {
      throw new Error(
        `Port ${port} (${name}) is already in use: stop what uses it, or choose other ports (see README).`,
      );
    }
  }
}
