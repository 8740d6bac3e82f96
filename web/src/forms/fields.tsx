import type { InputHTMLAttributes, ReactNode } from 'react';
import type { FieldErrors } from './validation';
import { fieldId, sentenceCase } from './validation';

interface FieldProps {
  /** The field's path in the form value, e.g. `venue.city`: its id and the key of its error. */
  readonly path: string;
  readonly label: ReactNode;
  readonly errors: FieldErrors;
  readonly hint?: ReactNode;
  readonly optional?: boolean;
}

function describedBy(path: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint && `${fieldId(path)}-hint`, error && `${fieldId(path)}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** Label, hint and error of one control, tied to it with `for` and `aria-describedby`. */
function FieldFrame({ path, label, errors, hint, optional, children }: FieldProps & { readonly children: ReactNode }) {
  const id = fieldId(path);
  const error = errors[path];
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> (optional)</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && <FieldError path={path} message={error} />}
      {children}
    </div>
  );
}

/** A field's error message, for controls that build their own frame (fieldsets). */
export function FieldError({ path, message }: { readonly path: string; readonly message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={`${fieldId(path)}-error`} className="error-message">
      <span className="visually-hidden">Error: </span>
      {sentenceCase(message)}
    </p>
  );
}

type TextFieldProps = FieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'> & {
    readonly value: string;
    readonly onChange: (value: string) => void;
  };

/** A labelled `<input>`: text, email, password, tel, number, date, datetime-local… */
export function TextField({ path, label, errors, hint, optional, value, onChange, ...input }: TextFieldProps) {
  return (
    <FieldFrame path={path} label={label} errors={errors} hint={hint} optional={optional}>
      <input
        id={fieldId(path)}
        name={path}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errors[path] ? true : undefined}
        aria-describedby={describedBy(path, Boolean(hint), Boolean(errors[path]))}
        {...input}
      />
    </FieldFrame>
  );
}

type TextAreaProps = FieldProps & {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly rows?: number;
  readonly maxLength?: number;
};

export function TextArea({ path, label, errors, hint, optional, value, onChange, rows = 4, maxLength }: TextAreaProps) {
  return (
    <FieldFrame path={path} label={label} errors={errors} hint={hint} optional={optional}>
      <textarea
        id={fieldId(path)}
        name={path}
        rows={rows}
        maxLength={maxLength}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errors[path] ? true : undefined}
        aria-describedby={describedBy(path, Boolean(hint), Boolean(errors[path]))}
      />
    </FieldFrame>
  );
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

type SelectFieldProps = FieldProps & {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly choices: readonly Choice[];
  /** The label of an empty first choice ("Any", "Choose…"); none when undefined. */
  readonly emptyChoice?: string;
  readonly autoComplete?: string;
};

export function SelectField(props: SelectFieldProps) {
  const { path, label, errors, hint, optional, value, onChange, choices, emptyChoice, autoComplete } = props;
  const known = choices.some((c) => c.value === value) || (value === '' && emptyChoice !== undefined);
  return (
    <FieldFrame path={path} label={label} errors={errors} hint={hint} optional={optional}>
      <select
        id={fieldId(path)}
        name={path}
        value={value}
        autoComplete={autoComplete}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errors[path] ? true : undefined}
        aria-describedby={describedBy(path, Boolean(hint), Boolean(errors[path]))}
      >
        {emptyChoice !== undefined && <option value="">{emptyChoice}</option>}
        {!known && <option value={value}>{value}</option>}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

type CheckboxProps = {
  readonly path: string;
  readonly label: ReactNode;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly hint?: ReactNode;
  readonly disabled?: boolean;
  /** The id of a longer explanation elsewhere on the page that describes the checkbox too. */
  readonly describedBy?: string;
};

export function Checkbox({ path, label, checked, onChange, hint, disabled, describedBy }: CheckboxProps) {
  const id = fieldId(path);
  const descriptions = [hint ? `${id}-hint` : undefined, describedBy].filter(Boolean).join(' ');
  return (
    <div className="choice">
      <input
        type="checkbox"
        id={id}
        name={path}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={descriptions || undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

type RadioGroupProps = {
  readonly path: string;
  readonly legend: ReactNode;
  readonly errors: FieldErrors;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly choices: readonly (Choice & { readonly hint?: ReactNode; readonly disabled?: boolean })[];
  readonly hint?: ReactNode;
};

/** A fieldset of radio buttons; the fieldset carries the error, the first radio its id (for error links). */
export function RadioGroup({ path, legend, errors, value, onChange, choices, hint }: RadioGroupProps) {
  const id = fieldId(path);
  const error = errors[path];
  return (
    <fieldset
      className={error ? 'field field-invalid' : 'field'}
      aria-describedby={describedBy(path, Boolean(hint), Boolean(error))}
    >
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldError path={path} message={error} />
      {choices.map((choice, i) => {
        const choiceId = i === 0 ? id : `${id}-${i}`;
        return (
          <div className="choice" key={choice.value}>
            <input
              type="radio"
              id={choiceId}
              name={path}
              value={choice.value}
              checked={value === choice.value}
              disabled={choice.disabled}
              onChange={() => onChange(choice.value)}
              aria-describedby={choice.hint ? `${choiceId}-hint` : undefined}
            />
            <label htmlFor={choiceId}>{choice.label}</label>
            {choice.hint && (
              <p id={`${choiceId}-hint`} className="hint">
                {choice.hint}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
