import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const webDir = join(root, 'web');
const distDir = join(webDir, 'dist');
/** What the bundle is built from: the app, and the API schemas (and their domain imports) it shares. */
const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'src/schemas', 'src/domain'].map((p) =>
  join(root, p),
);

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface WebServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly apiUrl: string;
  /** The local SES outbox's web view, linked from every page in local mode. */
  readonly outboxUrl: string | null;
  /**
   * The local S3 (fauxqs) that photos upload to (a presigned POST) and load from (signed GET URLs): the page's
   * content security policy lets the app connect to it and show its images.
   */
  readonly photoStoreUrl?: string;
  readonly log?: (line: string) => void;
}

export interface WebServer {
  readonly url: string;
  stop(): Promise<void>;
}

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

/** True when web/dist is missing or older than anything it is built from. */
export function webBuildIsStale(): boolean {
  const built = join(distDir, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return sources.some((source) => newestChange(source) > builtAt);
}

/**
 * Builds the web UI into web/dist with vite's JS API and web/vite.config.ts, when it is missing or stale. It
 * builds into a fresh directory and swaps it in, so a server reading web/dist (or a second build) never sees
 * half a build.
 */
export async function ensureWebBuild(log: (line: string) => void = console.log): Promise<void> {
  if (!webBuildIsStale()) return;
  const started = Date.now();
  log('Building the web UI (vite)…');
  const { build } = await import('vite');
  // On the same file system as web/dist (so the swap is a rename) and ignored by git.
  const outDir = join(root, 'node_modules', '.cache', `audition-me-web-${process.pid}-${Date.now()}`);
  try {
    await build({
      configFile: join(webDir, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    await rm(distDir, { recursive: true, force: true });
    await rename(outDir, distDir).catch((error: unknown) => {
      // Another process built and swapped in its own copy meanwhile: keep that one.
      if (!existsSync(join(distDir, 'index.html'))) throw error;
    });
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
  log(`Built the web UI in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

/** The file for a URL path inside web/dist, or undefined when the path tries to leave it. */
function fileFor(urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const file = normalize(join(distDir, decoded));
  return file === distDir || file.startsWith(distDir + sep) ? file : undefined;
}

async function readIfFile(file: string | undefined): Promise<Buffer | undefined> {
  if (!file || !existsSync(file) || !statSync(file).isFile()) return undefined;
  return readFile(file);
}

/**
 * Serves the built web UI on 127.0.0.1: the files of web/dist, `/config.json` pointing the app at the API,
 * and index.html for every other path outside /assets/ (the app routes with the history API).
 *
 * @example const web = await startWebServer({ port: 5173, apiUrl: 'http://127.0.0.1:3000', outboxUrl: null, photoStoreUrl: 'http://127.0.0.1:4566' });
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  await ensureWebBuild(options.log);
  const config = JSON.stringify({ apiUrl: options.apiUrl, outboxUrl: options.outboxUrl, local: true });
  const apiOrigin = new URL(options.apiUrl).origin;
  const photoOrigin = options.photoStoreUrl ? ` ${new URL(options.photoStoreUrl).origin}` : '';
  const securityHeaders = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy':
      `default-src 'self'; connect-src 'self' ${apiOrigin}${photoOrigin}; img-src 'self' data:${photoOrigin}; ` +
      `style-src 'self'; ` +
      `script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
  };

  const server: Server = createServer((request, response) => {
    const send = (status: number, type: string, body: Buffer | string, cache = 'no-cache') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': cache, ...securityHeaders });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/config.json') return send(200, contentTypes['.json']!, config, 'no-store');
    void (async () => {
      const file = fileFor(path);
      const content = await readIfFile(file);
      if (content && file) {
        const immutable = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
        return send(200, contentTypes[extname(file)] ?? 'application/octet-stream', content, immutable);
      }
      // A missing build file is an error; any other path is the app's, as CloudFront's fallback makes it (a link
      // a mail program ended with a full stop, `/performances/abc.`, opens the app's "not found", not a bare 404).
      if (path.startsWith('/assets/')) return send(404, contentTypes['.txt']!, 'Not found');
      const index = await readIfFile(join(distDir, 'index.html'));
      return index
        ? send(200, contentTypes['.html']!, index)
        : send(503, contentTypes['.txt']!, 'The web UI is not built (web/dist/index.html is missing).');
    })().catch((error: unknown) => {
      console.error('web server failed', error);
      if (!response.headersSent) send(500, contentTypes['.txt']!, 'Internal error');
    });
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolvePromise());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}
