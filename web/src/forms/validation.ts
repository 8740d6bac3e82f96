import { z } from 'zod';
import { ApiError } from '../api/client';

/** Messages per field, keyed by path: `title`, `venue.timeZone`, `slots.0.capacity`; `''` is the whole form. */
export type FieldErrors = Readonly<Record<string, string>>;

// The API's schemas carry their own words for their own rules ("must be a phone number with its country code…"); zod's
// generic messages ("Too small: expected string to have >=1 characters") are reworded here for people. The
// server keeps zod's defaults: this runs only in the browser bundle.
z.config({
  customError: (issue) => {
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case 'invalid_type':
        if (input === undefined || input === '' || input === null) return 'is required';
        return issue.expected === 'number' ? 'must be a number' : `must be a ${issue.expected}`;
      case 'too_small': {
        const min = Number(issue.minimum);
        if (issue.origin === 'string') return min <= 1 ? 'is required' : `must be at least ${min} characters`;
        if (issue.origin === 'array') return min === 1 ? 'needs at least one' : `needs at least ${min}`;
        return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${min}`;
      }
      case 'too_big': {
        const max = Number(issue.maximum);
        if (issue.origin === 'string') return `must be at most ${max} characters`;
        if (issue.origin === 'array') return `can have at most ${max}`;
        return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${max}`;
      }
      case 'invalid_format':
        if (issue.format === 'email') return 'must be an email address, like name@example.com';
        if (issue.format === 'date') return 'must be a date';
        return undefined;
      case 'invalid_value':
        return `must be one of: ${issue.values.map(String).join(', ')}`;
      case 'not_multiple_of':
        return 'must be a whole number';
      default:
        return undefined;
    }
  },
});

function issuesToErrors(issues: readonly { path: readonly PropertyKey[] | string; message: string }[]): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = typeof issue.path === 'string' ? issue.path : issue.path.map(String).join('.');
    errors[key] ??= issue.message;
  }
  return errors;
}

export type Checked<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly errors: FieldErrors };

/** Runs one of the API's schemas on a form's value before sending it. */
export function check<S extends z.core.$ZodType>(schema: S, value: unknown): Checked<z.output<S>> {
  const result = z.safeParse(schema, value);
  return result.success ? { ok: true, data: result.data } : { ok: false, errors: issuesToErrors(result.error.issues) };
}

/**
 * The field messages of an API problem: its `errors[]` paths (`body.venue.city`, `query.age`) lose their
 * `body.`/`query.` prefix to match the form's field keys; anything else becomes the form-level message.
 */
export function errorsFromProblem(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return { '': 'Something went wrong. Please try again.' };
  const fields = issuesToErrors(
    error.issues.map((issue) => ({ path: issue.path.replace(/^(body|query|path)\.?/, ''), message: issue.message })),
  );
  return Object.keys(fields).length ? fields : { '': error.sentence };
}

/** "must be …" → "Must be …": the message alone under its field's label. */
export function sentenceCase(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The element id of a field's control, from its path: `venue.timeZone` → `field-venue-timeZone`. */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]+/g, '-') || 'form'}`;
}
