import { errorMessage, fieldErrors } from '@social-api/client';
import { type ChangeEvent, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, useEffect, useId, useState } from 'react';

export interface FormErrors {
  /** By field name, from a 422's `loc` (`["body", "title"]` is `title`). */
  fields: Record<string, string>;
  /** Everything that belongs to no field of the form. */
  form?: string;
}

const NO_ERRORS: FormErrors = { fields: {} };

/** An API error answer split into the form's fields and the rest. */
export function formErrors(body: unknown, response: Response | undefined, fields: readonly string[]): FormErrors {
  if (response?.status === 429) {
    const wait = response.headers.get('Retry-After');
    return { fields: {}, form: `Too many attempts. Try again ${wait ? `in ${wait} seconds` : 'later'}.` };
  }
  const byField = fieldErrors(body);
  const own = Object.fromEntries(Object.entries(byField).filter(([name]) => fields.includes(name)));
  const others = Object.entries(byField).filter(([name]) => !fields.includes(name));
  if (Object.keys(byField).length > 0) return { fields: own, form: others.length ? others.map(([, msg]) => msg).join('; ') : undefined };
  return { fields: {}, form: errorMessage(body, response ? `The server answered ${response.status}.` : 'The server could not be reached.') };
}

/**
 * A submit handler with its pending flag and errors: `run` returns FormErrors to show, or
 * nothing on success. A thrown error (the network) is a form error.
 */
export function useSubmit(run: () => Promise<FormErrors | void>) {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const submit = async (event?: { preventDefault(): void }) => {
    event?.preventDefault();
    if (pending) return;
    setPending(true);
    setErrors(NO_ERRORS);
    try {
      setErrors((await run()) ?? NO_ERRORS);
    } catch {
      setErrors({ fields: {}, form: 'The server could not be reached. Check your connection and try again.' });
    } finally {
      setPending(false);
    }
  };
  return { submit, pending, errors };
}

type FieldProps = { label: string; error?: string; hint?: ReactNode } & (
  | ({ multiline?: false } & InputHTMLAttributes<HTMLInputElement>)
  | ({ multiline: true } & TextareaHTMLAttributes<HTMLTextAreaElement>)
);

/** A labelled control; its error is shown under it and read with it (aria-describedby). */
export function Field({ label, error: reported, hint, multiline, ...control }: FieldProps) {
  const id = useId();
  // The error of the last submit, until the field is changed.
  const [error, setError] = useState(reported);
  useEffect(() => setError(reported), [reported]);
  const onChange = (event: ChangeEvent<HTMLInputElement & HTMLTextAreaElement>) => {
    setError(undefined);
    (control.onChange as ((e: typeof event) => void) | undefined)?.(event);
  };
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} {...(control as TextareaHTMLAttributes<HTMLTextAreaElement>)} onChange={onChange} />
      ) : (
        <input {...common} {...(control as InputHTMLAttributes<HTMLInputElement>)} onChange={onChange} />
      )}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function FormError({ message }: { message?: string }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

export function Notice({ message }: { message?: string }) {
  return message ? (
    <p className="notice" role="status">
      {message}
    </p>
  ) : null;
}
