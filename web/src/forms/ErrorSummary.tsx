import { useEffect, useId, useRef } from 'react';
import type { FieldErrors } from './validation';
import { fieldId } from './validation';

interface ErrorSummaryProps {
  readonly errors: FieldErrors;
  /** The words for a field path, e.g. `venue.city` → "Venue city". */
  readonly labelOf: (path: string) => string;
  /** Changes on every submit that failed: the summary then takes focus, so the problems are read out first. */
  readonly attempt: number;
  readonly title?: string;
}

/** Sorts field paths as their fields appear on the page; the form-level message first, unknown ones last. */
function documentOrder(a: string, b: string): number {
  if (a === '' || b === '') return a === '' ? -1 : 1;
  const x = document.getElementById(fieldId(a));
  const y = document.getElementById(fieldId(b));
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/**
 * The list of a form's problems above the form, each linking to its field; the same messages also sit next to
 * each field.
 */
export function ErrorSummary({ errors, labelOf, attempt, title = 'There is a problem' }: ErrorSummaryProps) {
  const box = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const entries = Object.entries(errors).sort(([a], [b]) => documentOrder(a, b));
  useEffect(() => {
    if (attempt > 0 && entries.length) box.current?.focus();
  }, [attempt]);
  if (!entries.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={headingId} tabIndex={-1} ref={box}>
      <h2 id={headingId}>{title}</h2>
      <ul>
        {entries.map(([path, message]) =>
          path === '' ? (
            <li key="">{message}</li>
          ) : (
            <li key={path}>
              <a
                href={`#${fieldId(path)}`}
                onClick={(event) => {
                  const target = document.getElementById(fieldId(path));
                  if (!target) return;
                  event.preventDefault();
                  target.focus();
                  target.scrollIntoView({ block: 'center' });
                }}
              >
                {labelOf(path)}: {message}
              </a>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
