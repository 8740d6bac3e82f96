import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/**
 * Runs one autocannon load in its own process, so the load generator does not share the event loop of the
 * local API it measures. Reads { url, connections, durationSeconds, requests } from the JSON file named by the
 * first argument, sends the requests in turn (each at most once, then from the start again), and prints the
 * result as JSON.
 */
interface LoadSpec {
  url: string;
  connections: number;
  durationSeconds: number;
  requests: { method: string; path: string; headers: Record<string, string>; body?: string }[];
}

const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as LoadSpec;
let next = 0;
const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.durationSeconds,
  timeout: 10,
  requests: [
    {
      setupRequest: (request) => {
        const chosen = spec.requests[next++ % spec.requests.length];
        return { ...request, ...chosen, headers: { ...request.headers, ...chosen?.headers } };
      },
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({
    durationSeconds: result.duration,
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    sent: next,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
  })}\n`,
);
