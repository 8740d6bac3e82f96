import type { PhotoView } from '../api/schemas';
import { initials } from './card';

/**
 * A performer's main photo (the first of `photos`), or a neutral placeholder with their initials. The
 * placeholder is decoration (the name is next to it); a photo says whose it is.
 */
export function PerformerPhoto({
  name,
  photos,
  size = 'card',
}: {
  readonly name: string;
  readonly photos?: readonly PhotoView[];
  readonly size?: 'card' | 'page';
}) {
  const main = photos?.[0];
  const className = `performer-photo performer-photo-${size}`;
  if (main) return <img className={className} src={main.url} alt={`Photo of ${name}`} loading="lazy" />;
  return (
    <div className={`${className} performer-photo-none`} aria-hidden="true">
      {initials(name)}
    </div>
  );
}
