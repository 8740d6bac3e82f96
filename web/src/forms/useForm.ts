import { useState } from 'react';
import type { FieldErrors } from './validation';
import { errorsFromProblem } from './validation';

/**
 * The state every form here shares: its value, its errors, whether it is sending, and a counter of failed
 * submits that moves focus to the error summary.
 */
export function useForm<T>(initial: T | (() => T)) {
  const [value, setValue] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const set =
    <K extends keyof T>(key: K) =>
    (next: T[K]) =>
      setValue((current) => ({ ...current, [key]: next }));

  const fail = (next: FieldErrors) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  /** Runs `send`; on an error shows the API's problem next to the fields, or as the form's message. */
  const submit = async (
    send: () => Promise<void>,
    translate?: (errors: FieldErrors, error: unknown) => FieldErrors,
  ) => {
    setBusy(true);
    setErrors({});
    try {
      await send();
    } catch (error) {
      const fields = errorsFromProblem(error);
      fail(translate ? translate(fields, error) : fields);
    } finally {
      setBusy(false);
    }
  };

  return { value, setValue, set, errors, setErrors, fail, attempt, busy, submit };
}
