import { openApiDocument } from '../openapi';
import { publicRoute } from './http/handler';

let document: Record<string, unknown> | undefined;

export const handler = publicRoute('openapi-get', {}, async () => {
  document ??= openApiDocument();
  return { body: document, headers: { 'cache-control': 'public, max-age=300' } };
});
