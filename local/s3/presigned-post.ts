// fastify comes with fauxqs; only its types are used here.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { signText } from '../../src/adapters/s3/sigv4';
import type { PostPolicy, PostRefusal } from './post-policy';
import { checkPostPolicy } from './post-policy';

/**
 * Browser uploads for the local S3 (fauxqs): it stores objects, but has no POST-policy uploads and sends no CORS
 * headers. This adds both to its app, before it listens:
 * - a multipart `POST /<bucket>` is checked as S3 checks it (the policy's signature with the local secret key, its
 *   expiration and conditions: key, Content-Type, content-length-range) and stored through fauxqs's own PutObject;
 * - every answer carries CORS headers for any origin (like the local API: nothing here is a secret), and a
 *   preflight is answered.
 */
export function acceptPresignedPosts(app: FastifyInstance, options: { secretAccessKey: string }): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('access-control-allow-origin', request.headers.origin ?? '*');
    reply.header('access-control-expose-headers', 'etag, location, x-amz-request-id');
    if (request.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, HEAD, POST, PUT, DELETE');
      reply.header('access-control-allow-headers', request.headers['access-control-request-headers'] ?? '*');
      reply.header('access-control-max-age', '600');
      return reply.status(204).send();
    }
  });
  app.addHook('preHandler', async (request, reply) => {
    const type = request.headers['content-type'] ?? '';
    const bucket = /^\/([^/?]+)\/?(?:\?.*)?$/.exec(request.url)?.[1];
    if (request.method !== 'POST' || !type.startsWith('multipart/form-data') || !bucket) return;
    const form = await new Response(request.body as Buffer, { headers: { 'content-type': type } }).formData();
    const fields: Record<string, string> = {};
    let file: File | undefined;
    for (const [name, value] of form) {
      if (typeof value === 'string') fields[name] = value;
      else if (name.toLowerCase() === 'file') file = value;
    }
    const field = (name: string) =>
      Object.entries(fields).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    const encoded = field('policy');
    const key = field('key');
    if (!file || !encoded || !key) {
      return refuse(reply, {
        status: 400,
        code: 'InvalidPolicyDocument',
        message: 'A file, a key and a policy are required',
      });
    }
    const credential = (field('x-amz-credential') ?? '').split('/');
    const signedAt = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(field('x-amz-date') ?? '');
    const region = credential[2];
    const at =
      signedAt &&
      new Date(`${signedAt[1]}-${signedAt[2]}-${signedAt[3]}T${signedAt[4]}:${signedAt[5]}:${signedAt[6]}Z`);
    if (
      !at ||
      !region ||
      signText(encoded, { accessKeyId: '', secretAccessKey: options.secretAccessKey }, region, at) !==
        field('x-amz-signature')
    ) {
      return refuse(reply, {
        status: 403,
        code: 'AccessDenied',
        message: 'The request signature we calculated does not match the signature you provided.',
      } as PostRefusal);
    }
    let policy: PostPolicy;
    try {
      policy = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as PostPolicy;
    } catch {
      return refuse(reply, { status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: not JSON' });
    }
    const refusal = checkPostPolicy(policy, { bucket, fields, size: file.size, now: new Date() });
    if (refusal) return refuse(reply, refusal);
    const stored = await app.inject({
      method: 'PUT',
      url: `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
      headers: { 'content-type': field('content-type') ?? 'binary/octet-stream' },
      payload: Buffer.from(await file.arrayBuffer()),
    });
    if (stored.statusCode !== 200) return reply.status(stored.statusCode).send(stored.body);
    return reply.status(204).header('etag', stored.headers.etag).header('location', `/${bucket}/${key}`).send();
  });
}

function refuse(reply: FastifyReply, refusal: PostRefusal): FastifyReply {
  return reply
    .status(refusal.status)
    .header('content-type', 'application/xml')
    .send(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal.code}</Code><Message>${refusal.message}</Message></Error>`,
    );
}
