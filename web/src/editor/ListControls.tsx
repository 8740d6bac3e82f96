import type { ReactNode } from 'react';
import { FieldError } from '../forms/fields';
import type { FieldErrors } from '../forms/validation';
import { fieldId } from '../forms/validation';

export type Change<T> = (next: T) => void;

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

/** Focuses a field by its path once React has rendered it (after a row was added). */
export function focusField(path: string): void {
  requestAnimationFrame(() => document.getElementById(fieldId(path))?.focus());
}

/** Focuses an element by id once React has rendered (after a row was removed). */
export function focusId(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/**
 * A fieldset for a list (dates, characters, slots): its own error (e.g. "character names must be unique")
 * next to the legend, its rows, and an "Add" button.
 */
export function ListFieldset({
  path,
  legend,
  hint,
  errors,
  children,
  addLabel,
  onAdd,
}: {
  readonly path: string;
  readonly legend: string;
  readonly hint?: ReactNode;
  readonly errors: FieldErrors;
  readonly children: ReactNode;
  readonly addLabel: string;
  readonly onAdd: () => void;
}) {
  const id = fieldId(path);
  return (
    <fieldset
      className={errors[path] ? 'group field-invalid' : 'group'}
      id={id}
      tabIndex={-1}
      aria-describedby={[hint && `${id}-hint`, errors[path] && `${id}-error`].filter(Boolean).join(' ') || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError path={path} message={errors[path]} />
      {children}
      <button type="button" className="button-secondary" id={`${id}-add`} onClick={onAdd}>
        {addLabel}
      </button>
    </fieldset>
  );
}
