import { useId, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import { ApiError } from '../api/client';
import type { MyPhotos, PhotoUploadStart, PhotoView } from '../api/schemas';
import { useSession } from '../app/session';
import { shrunkSize } from './photo-size';

/** The quality a shrunk photo is encoded at (the API takes at most 5 MB). */
const quality = 0.85;
const maxBytes = 5 * 1024 * 1024;
const accepted = ['image/jpeg', 'image/png', 'image/webp'];

type Stage =
  | { readonly step: 'idle' }
  | { readonly step: 'shrinking' }
  | { readonly step: 'uploading'; readonly percent: number }
  | { readonly step: 'confirming' }
  | { readonly step: 'done' }
  | { readonly step: 'failed'; readonly message: string };

/**
 * The photo, shrunk in the browser: drawn on a canvas at most 1600 px (`shrunkSize`) on its longest side and encoded as WebP
 * (JPEG where the browser cannot encode WebP) at quality 0.85. EXIF (and with it any location) is left behind.
 */
export async function shrinkPhoto(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const { width, height } = shrunkSize(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot shrink photos.');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const encode = (type: string) => new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality));
  const webp = await encode('image/webp');
  // A browser that cannot encode WebP answers with PNG (or nothing): JPEG then.
  const blob = webp?.type === 'image/webp' ? webp : await encode('image/jpeg');
  if (!blob) throw new Error('This browser could not encode the photo.');
  return blob;
}

/** POSTs the file to the presigned form with progress (fetch reports none for uploads). */
function postForm(start: PhotoUploadStart, file: Blob, onProgress: (percent: number) => void): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(start.upload.fields)) form.append(name, value);
  form.append('file', file); // S3 takes the file as the last field
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', start.upload.url);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () =>
      request.status >= 200 && request.status < 300
        ? resolve()
        : reject(new Error(`The photo store refused the upload (${request.status}). Try again, or another photo.`));
    request.onerror = () => reject(new Error('The upload did not get through. Check the connection and try again.'));
    request.send(form);
  });
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    return error.code === 'photo-limit' ? 'You have 5 photos already. Delete one to add another.' : error.sentence;
  }
  return error instanceof Error ? error.message : 'The photo could not be added.';
}

export interface PhotoUploadProps {
  /** Called with the profile's photos (main first) once a photo has been added. */
  readonly onUploaded: (photos: readonly PhotoView[]) => void;
  /** Whether the profile has room for another photo (fewer than 5). */
  readonly disabled?: boolean;
}

/**
 * Adds a photo to the signed-in performer's profile: pick a file (a native file input, so keyboard and screen
 * readers work as everywhere), shrink it here, ask the API for an upload (`POST /me/photos`), send it straight to
 * the photo store with progress, and confirm it (`PUT /me/photos/{photoId}`). Every step's failure is said in words.
 */
export function PhotoUpload({ onUploaded, disabled }: PhotoUploadProps) {
  const { api } = useSession();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const busy = stage.step === 'shrinking' || stage.step === 'uploading' || stage.step === 'confirming';

  async function add(file: File) {
    try {
      if (!accepted.includes(file.type)) throw new Error('Choose a JPEG, PNG or WebP photo.');
      setStage({ step: 'shrinking' });
      const photo = await shrinkPhoto(file);
      if (photo.size > maxBytes) throw new Error('The photo is too large even after shrinking (5 MB at most).');
      const start = await api.send<PhotoUploadStart>('POST', '/me/photos', {
        contentType: photo.type,
        size: photo.size,
      });
      setStage({ step: 'uploading', percent: 0 });
      await postForm(start, photo, (percent) => setStage({ step: 'uploading', percent }));
      setStage({ step: 'confirming' });
      const { photos } = await api.send<MyPhotos>('PUT', `/me/photos/${start.photoId}`);
      setStage({ step: 'done' });
      onUploaded(photos);
    } catch (error) {
      setStage({ step: 'failed', message: messageOf(error) });
    } finally {
      if (input.current) input.current.value = '';
    }
  }

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) void add(file);
  };

  return (
    <div className={stage.step === 'failed' ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>Add a photo</label>
      <p id={`${id}-hint`} className="hint">
        JPEG, PNG or WebP. We shrink it to 1600 pixels on its longest side before it is sent.
      </p>
      {stage.step === 'failed' && (
        <p id={`${id}-error`} className="error-message" role="alert">
          <span className="visually-hidden">Error: </span>
          {stage.message}
        </p>
      )}
      <input
        ref={input}
        id={id}
        type="file"
        accept={accepted.join(',')}
        disabled={disabled || busy}
        aria-describedby={stage.step === 'failed' ? `${id}-hint ${id}-error` : `${id}-hint`}
        onChange={onChange}
      />
      <div aria-live="polite">
        {stage.step === 'shrinking' && <p>Preparing the photo…</p>}
        {stage.step === 'uploading' && (
          <p>
            <label htmlFor={`${id}-progress`}>Uploading </label>
            <progress id={`${id}-progress`} max={100} value={stage.percent}>
              {stage.percent}%
            </progress>{' '}
            {stage.percent}%
          </p>
        )}
        {stage.step === 'confirming' && <p>Adding it to your profile…</p>}
        {stage.step === 'done' && <p>Photo added.</p>}
      </div>
    </div>
  );
}
