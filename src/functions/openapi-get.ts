import { openApiDocument } from '../openapi';
import { routeHandler } from './http/route';

let document: Record<string, unknown> | undefined;

// The one route that reads no table: built on the store-free edge, so its bundle carries no SDK client.
export const handler = routeHandler('openapi-get', {}, async () => {
  document ??= openApiDocument();
  return { body: document, headers: { 'cache-control': 'public, max-age=300' } };
});
