/**
 * `npm run replay-stream-failures -- --function search-indexer [--api http://127.0.0.1:3000]`: re-drives the stream
 * batches a consumer of the running local system (`npm start`) gave up on, as held in its on-failure queue. For the
 * deployed stack see docs/deploy.md.
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { function: { type: 'string' }, api: { type: 'string', default: 'http://127.0.0.1:3000' } },
});
if (!values.function) {
  console.error('usage: npm run replay-stream-failures -- --function <table-stream|search-indexer> [--api URL]');
  process.exit(2);
}
const response = await fetch(`${values.api}/__local/stream-failures/${values.function}/replay`, { method: 'POST' });
const body = (await response.json()) as { replayed?: number; failed?: number };
console.log(JSON.stringify(body));
if (!response.ok || (body.failed ?? 0) > 0) process.exit(1);
