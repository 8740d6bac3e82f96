import { beforeAll, describe, expect, it } from 'vitest';
import { api, signedUpUser } from '../support/api';

type User = Awaited<ReturnType<typeof signedUpUser>>;
interface Upload {
  photoId: string;
  upload: { url: string; fields: Record<string, string> };
  expiresAt: string;
}
interface Photo {
  photoId: string;
  url: string;
}

/** The bytes of a small "image" (S3 checks declared type and size, not content). */
const imageBytes = (size: number, seed = 1) => new Uint8Array(size).map((_, i) => (i * 31 + seed) % 256);

/** The browser's part: the form's fields, then the file, POSTed as multipart to the upload URL. */
async function postFile(upload: Upload['upload'], bytes: Uint8Array, override: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...override })) form.append(name, value);
  form.append('file', new Blob([bytes], { type: upload.fields['Content-Type'] }), 'photo.jpg');
  const response = await fetch(upload.url, {
    method: 'POST',
    body: form,
    headers: { origin: 'http://127.0.0.1:5173' },
  });
  return {
    status: response.status,
    text: await response.text(),
    cors: response.headers.get('access-control-allow-origin'),
  };
}

describe('performer photos through S3', () => {
  let performer: User;
  let other: User;
  let director: User;
  const start = (user: User, body: unknown = { contentType: 'image/jpeg', size: 2048 }) =>
    api<Upload & { code?: string }>('POST', '/me/photos', { token: user.token, body });
  const confirm = (user: User, photoId: string) =>
    api<{ photos: Photo[]; code?: string }>('PUT', `/me/photos/${photoId}`, { token: user.token });
  /** Requests an upload, POSTs the file and confirms it; the photo id. */
  const addPhoto = async (user: User, seed: number) => {
    const started = await start(user);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect((await postFile(started.body.upload, imageBytes(2048, seed))).status).toBe(204);
    const confirmed = await confirm(user, started.body.photoId);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    return started.body.photoId;
  };

  beforeAll(async () => {
    [performer, other, director] = await Promise.all([
      signedUpUser('performer'),
      signedUpUser('performer'),
      signedUpUser('director'),
    ]);
  });

  it('uploads, confirms and shows a photo whose signed URL GETs the bytes back', async () => {
    const started = await start(performer);
    expect(started.status).toBe(201);
    const { photoId, upload, expiresAt } = started.body;
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    expect(upload.fields.key).toBe(`uploads/${performer.userId}/${photoId}`);
    // Not uploaded yet: nothing to confirm.
    expect((await confirm(performer, photoId)).status).toBe(404);
    const bytes = imageBytes(2048);
    const posted = await postFile(upload, bytes);
    expect(posted.status, posted.text).toBe(204);
    expect(posted.cors).toBe('http://127.0.0.1:5173');
    const confirmed = await confirm(performer, photoId);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.photos.map((p) => p.photoId)).toEqual([photoId]);
    // Confirming again answers the same.
    expect((await confirm(performer, photoId)).body.photos.map((p) => p.photoId)).toEqual([photoId]);

    const me = await api<{ photos: Photo[] }>('GET', '/me', { token: performer.token });
    expect(me.body.photos.map((p) => p.photoId)).toEqual([photoId]);
    const url = me.body.photos[0]?.url ?? '';
    expect(url).toContain('X-Amz-Signature=');
    const got = await fetch(url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
  });

  it('refuses, by the POST policy, a file of another type, a larger one, a changed key and an altered policy', async () => {
    const { body } = await start(performer, { contentType: 'image/png', size: 1000 });
    const { upload } = body;
    const wrongType = await postFile(upload, imageBytes(500), { 'Content-Type': 'text/html' });
    expect(wrongType.status).toBe(403);
    expect(wrongType.text).toContain('Content-Type');
    const tooLarge = await postFile(upload, imageBytes(1001));
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.text).toContain('EntityTooLarge');
    const otherKey = await postFile(upload, imageBytes(500), { key: `uploads/${other.userId}/${body.photoId}` });
    expect(otherKey.status).toBe(403);
    const forged = Buffer.from(
      Buffer.from(upload.fields.Policy ?? '', 'base64')
        .toString()
        .replace('"content-length-range",1,1000', '"content-length-range",1,99999'),
    ).toString('base64');
    expect((await postFile(upload, imageBytes(500), { Policy: forged })).status).toBe(403);
    // Nothing reached the bucket.
    expect((await confirm(performer, body.photoId)).status).toBe(404);
    // The API refuses what the policy could not express either.
    expect((await start(performer, { contentType: 'image/gif', size: 10 })).status).toBe(400);
    expect((await start(performer, { contentType: 'image/jpeg', size: 5 * 1024 * 1024 + 1 })).status).toBe(400);
  });

  it('keeps at most 5 photos: a 6th is refused when asked for and when confirmed', async () => {
    const user = await signedUpUser('performer');
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await addPhoto(user, i));
    // Two uploads started while there is room for one: the second confirmation is refused by the condition.
    const [a, b] = [await start(user), await start(user)];
    for (const s of [a, b]) expect((await postFile(s.body.upload, imageBytes(100))).status).toBe(204);
    expect((await confirm(user, a.body.photoId)).status).toBe(200);
    const sixth = await confirm(user, b.body.photoId);
    expect(sixth.status).toBe(409);
    expect(sixth.body.code).toBe('photo-limit');
    const refused = await start(user);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('photo-limit');
    const me = await api<{ photos: Photo[] }>('GET', '/me', { token: user.token });
    expect(me.body.photos.map((p) => p.photoId)).toEqual([...ids, a.body.photoId]);

    // The main photo: PATCH /me moves one first; the others keep their order.
    const main = await api<{ photos: Photo[] }>('PATCH', '/me', { token: user.token, body: { mainPhotoId: ids[2] } });
    expect(main.status).toBe(200);
    expect(main.body.photos.map((p) => p.photoId)).toEqual([ids[2], ids[0], ids[1], ids[3], a.body.photoId]);
    expect((await api('PATCH', '/me', { token: user.token, body: { mainPhotoId: 'nope' } })).status).toBe(404);

    // Deleting one makes room again, and removes the object.
    const url = main.body.photos[0]?.url ?? '';
    expect((await api('DELETE', `/me/photos/${ids[2]}`, { token: user.token })).status).toBe(204);
    expect((await fetch(url)).status).toBe(404);
    expect((await api('DELETE', `/me/photos/${ids[2]}`, { token: user.token })).status).toBe(404);
    expect((await start(user)).status).toBe(201);
  });

  it('lets nobody else confirm or delete a performer’s photo', async () => {
    const started = await start(performer);
    await postFile(started.body.upload, imageBytes(300));
    expect((await confirm(other, started.body.photoId)).status).toBe(404);
    expect((await confirm(performer, started.body.photoId)).status).toBe(200);
    expect((await api('DELETE', `/me/photos/${started.body.photoId}`, { token: other.token })).status).toBe(404);
    const me = await api<{ photos: Photo[] }>('GET', '/me', { token: performer.token });
    expect(me.body.photos.map((p) => p.photoId)).toContain(started.body.photoId);
  });

  it('answers a director 403 on /me/photos', async () => {
    expect((await start(director)).status).toBe(403);
    expect((await confirm(director, 'abc')).status).toBe(403);
    expect((await api('DELETE', '/me/photos/abc', { token: director.token })).status).toBe(403);
  });

  it('shows the photos in the directory, main first, through signed URLs', async () => {
    const user = await signedUpUser('performer', { name: `Photo ${Date.now().toString(36)}` });
    const first = await addPhoto(user, 7);
    const second = await addPhoto(user, 8);
    await api('PATCH', '/me', {
      token: user.token,
      body: { listed: true, mainPhotoId: second, city: 'Leeds', country: 'GB' },
    });
    const page = await api<{ photos: Photo[] }>('GET', `/performers/${user.userId}`, { token: director.token });
    expect(page.status).toBe(200);
    expect(page.body.photos.map((p) => p.photoId)).toEqual([second, first]);
    expect((await fetch(page.body.photos[0]?.url ?? '')).status).toBe(200);
    let card: { photos: Photo[] } | undefined;
    for (let i = 0; i < 50 && !card; i++) {
      const listing = await api<{ results: ({ performerId: string } & { photos: Photo[] })[] }>(
        'GET',
        '/performers?city=Leeds&country=GB&limit=20',
        { token: director.token },
      );
      card = listing.body.results.find((r) => r.performerId === user.userId);
      if (!card) await new Promise((r) => setTimeout(r, 200));
    }
    expect(card?.photos.map((p) => p.photoId)).toEqual([second, first]);
  });
});
