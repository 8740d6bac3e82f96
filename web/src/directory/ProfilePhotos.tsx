import { useRef, useState } from 'react';
import type { PhotoView } from '../api/schemas';
import { ApiError } from '../api/client';
import { useSession } from '../app/session';
import { PhotoUpload } from '../forms/PhotoUpload';

/** The most photos a profile holds (the API refuses a sixth: src/domain/photos.ts). */
const maxPhotos = 5;

/**
 * How a photo is named to screen readers and on its buttons: by its place, the first being the main one.
 *
 * @example photoLabel(0) // 'Photo 1 (main)'
 * @example photoLabel(2) // 'Photo 3'
 */
export function photoLabel(index: number): string {
  return index === 0 ? 'Photo 1 (main)' : `Photo ${index + 1}`;
}

/**
 * The performer's photos in the directory editor: the current ones (main first), each with "Make main" (not on the
 * main one) and "Remove" buttons named after the photo, and the upload for another while there is room. After every
 * change `onChanged` runs, so the page reads the profile again (and the card preview shows the new main photo).
 */
export function ProfilePhotos({
  name,
  photos,
  onChanged,
}: {
  readonly name: string;
  readonly photos: readonly PhotoView[];
  readonly onChanged: () => Promise<void>;
}) {
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ readonly text: string; readonly failed: boolean } | undefined>();
  // The button pressed moves or goes with its photo: the keyboard carries on from the message instead.
  const status = useRef<HTMLParagraphElement>(null);

  async function change(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setSaid(undefined);
    try {
      await action();
      await onChanged();
      setSaid({ text: done, failed: false });
    } catch (error) {
      const text = error instanceof ApiError ? error.sentence : 'The photos could not be changed. Try again.';
      setSaid({ text, failed: true });
    } finally {
      setBusy(false);
      status.current?.focus();
    }
  }

  const makeMain = (photoId: string) =>
    change(() => api.send('PATCH', '/me', { mainPhotoId: photoId }), 'That photo is your main photo now.');
  const remove = (photoId: string) =>
    change(() => api.send('DELETE', `/me/photos/${encodeURIComponent(photoId)}`), 'The photo is removed.');

  return (
    <fieldset className="group profile-photos">
      <legend>Photos</legend>
      <p className="hint">
        Up to {maxPhotos} photos. The main photo is the one directors see on your card; the others show on your page.
      </p>
      {photos.length === 0 ? (
        <p>No photos yet: directors see your initials instead.</p>
      ) : (
        <ul className="photo-list">
          {photos.map((photo, index) => (
            <li key={photo.photoId} className="photo-item">
              <img
                className="performer-photo performer-photo-card"
                src={photo.url}
                alt={`${photoLabel(index)} of ${name}`}
              />
              <div className="photo-actions">
                {index === 0 ? (
                  <span className="photo-main">Main photo</span>
                ) : (
                  <button
                    type="button"
                    className="button-secondary"
                    disabled={busy}
                    onClick={() => void makeMain(photo.photoId)}
                  >
                    Make main<span className="visually-hidden"> ({photoLabel(index).toLowerCase()})</span>
                  </button>
                )}
                <button
                  type="button"
                  className="button-secondary"
                  disabled={busy}
                  onClick={() => void remove(photo.photoId)}
                >
                  Remove<span className="visually-hidden"> ({photoLabel(index).toLowerCase()})</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <p ref={status} tabIndex={-1} role="status" className={said?.failed ? 'error-message' : undefined}>
        {said?.text ?? ''}
      </p>
      {photos.length >= maxPhotos && <p>You have {maxPhotos} photos: remove one to add another.</p>}
      <PhotoUpload disabled={busy || photos.length >= maxPhotos} onUploaded={() => void onChanged()} />
    </fieldset>
  );
}
