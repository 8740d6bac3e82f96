import { s3PhotoObjects } from '../adapters/s3/photo-objects';
import { photoBucket } from '../config';
import type { PhotoObjects } from '../domain/ports/photos';

let objects: PhotoObjects | undefined;

/** The photo bucket's objects, for the routes that confirm and delete photos (the only ones carrying an S3 client). */
export function photoObjects(): PhotoObjects {
  objects ??= s3PhotoObjects(photoBucket());
  return objects;
}
