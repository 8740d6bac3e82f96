import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LocalSystem } from '../local/system';
import type { meterDynamoDb } from './capacity';
import { perRequest } from './capacity';
import { quantile, round } from './stats';

export interface LoadRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface LoadResult {
  readonly name: string;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Connection errors and timeouts (autocannon's `errors`). */
  readonly errors: number;
  readonly non2xx: number;
  readonly statusCodes: Record<string, number>;
  /** p50 of 20 requests sent one at a time before the load: about what the function itself takes. */
  readonly unloadedP50Ms: number;
  readonly readUnitsPerRequest: number;
  readonly writeUnitsPerRequest: number;
  readonly dynamoCallsPerRequest: number;
  /** Units per request by table and index (`table`, `gsi1`, …). */
  readonly unitsByIndex: Record<string, { read: number; write: number }>;
}

interface ClientOutput {
  durationSeconds: number;
  requestsPerSecond: number;
  total: number;
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

function runClient(specFile: string): Promise<ClientOutput> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve(import.meta.dirname, 'load-client.ts'), specFile],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: process.env,
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1);
      if (code === 0 && line) resolvePromise(JSON.parse(line) as ClientOutput);
      else reject(new Error(`load client failed (${code}): ${err.slice(-1000)}`));
    });
  });
}

/**
 * Loads the local API with autocannon (in a child process) for `durationSeconds` with `connections` connections,
 * sending `requests` in turn, after sending the first 20 of them one at a time for an unloaded latency. The
 * DynamoDB capacity the API consumed meanwhile is divided by the requests answered.
 */
export async function loadTest(
  system: LocalSystem,
  meter: ReturnType<typeof meterDynamoDb>,
  test: { name: string; requests: readonly LoadRequest[]; connections: number; durationSeconds: number },
): Promise<LoadResult> {
  // A short list (the searches) is sent round and round; a long one (sign-ups) is sent once each, never twice.
  const warmUp =
    test.requests.length > 40
      ? test.requests.slice(0, 20)
      : Array.from({ length: 20 }, (_, i) => test.requests[i % test.requests.length] as LoadRequest);
  const loadRequests = test.requests.length > 40 ? test.requests.slice(20) : test.requests;
  const unloaded: number[] = [];
  for (const request of warmUp) {
    const started = performance.now();
    const response = await fetch(`${system.apiUrl}${request.path}`, request);
    await response.arrayBuffer();
    unloaded.push(performance.now() - started);
  }
  const dir = mkdtempSync(join(tmpdir(), 'audition-me-load-'));
  try {
    const specFile = join(dir, 'spec.json');
    writeFileSync(
      specFile,
      JSON.stringify({
        url: system.apiUrl,
        connections: test.connections,
        durationSeconds: test.durationSeconds,
        requests: loadRequests,
      }),
    );
    meter.reset();
    const output = await runClient(specFile);
    const used = meter.reset();
    const answered = Math.max(1, output.total);
    return {
      name: test.name,
      connections: test.connections,
      durationSeconds: output.durationSeconds,
      requests: output.total,
      requestsPerSecond: round(output.requestsPerSecond),
      p50Ms: output.latency.p50,
      p99Ms: output.latency.p99,
      errors: output.errors + output.timeouts,
      non2xx: output.non2xx,
      statusCodes: output.statusCodes,
      unloadedP50Ms: round(quantile(unloaded, 0.5)),
      readUnitsPerRequest: round(used.readUnits / answered, 2),
      writeUnitsPerRequest: round(used.writeUnits / answered, 2),
      dynamoCallsPerRequest: round(used.calls / answered, 2),
      unitsByIndex: perRequest(used, answered),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
