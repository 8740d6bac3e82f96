import type { PhotoContentType, StoredObject } from '../photos';

/** A presigned POST: the form the browser sends, with the file as its last field, to `url`. */
export interface PhotoUploadForm {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Signatures for the private photo bucket: an upload form for the browser, a read URL for a view. Signing makes no
 * call, so a view that shows photos carries no S3 client.
 */
export interface PhotoSigner {
  /**
   * A form that lets the browser put one file of this type, of at most `maxBytes`, at the upload's key until
   * `expiresAt`; signed here, so no call is made.
   */
  uploadForm(input: {
    performerId: string;
    photoId: string;
    contentType: PhotoContentType;
    maxBytes: number;
    signedAt: Date;
    expiresAt: Date;
  }): Promise<PhotoUploadForm>;
  /** A URL that GETs the photo, valid for a short while from `now`. */
  readUrl(performerId: string, photoId: string, now: Date): Promise<string>;
}

/** The objects in the photo bucket. */
export interface PhotoObjects {
  /** What the bucket holds at the upload's key, or undefined when nothing was uploaded there. */
  uploaded(performerId: string, photoId: string): Promise<StoredObject | undefined>;
  /** Copies the upload under the photos' prefix (which no lifecycle rule expires); safe to repeat. */
  keep(performerId: string, photoId: string): Promise<void>;
  /** Removes the upload (the lifecycle rule would after a day). */
  discardUpload(performerId: string, photoId: string): Promise<void>;
  /** Removes a photo (nothing happens when it is gone already). */
  remove(performerId: string, photoId: string): Promise<void>;
}

/** The photo ids a profile holds, in order (the first is the main photo). */
export interface ProfilePhotos {
  /** The ids in order; empty when the profile has none, undefined when there is no performer profile. */
  list(performerId: string): Promise<readonly string[] | undefined>;
  /** Appends a photo unless the profile holds `maxPhotos` (PhotoLimitError) or it already (no change). */
  add(performerId: string, photoId: string, maxPhotos: number): Promise<readonly string[]>;
  /** Takes a photo out of the list; false when the list did not hold it. */
  remove(performerId: string, photoId: string): Promise<boolean>;
  /** Replaces the order, provided the list is still `expected` (VersionConflictError otherwise). */
  reorder(performerId: string, expected: readonly string[], order: readonly string[]): Promise<void>;
}
