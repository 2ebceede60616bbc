import { type ChangeEvent, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, useEffect, useId, useRef, useState } from 'react';
import { fieldMessages, problemMessage } from './errors';
import { dropNotice } from './router';

export interface FormErrors {
  /** By field name, from a 422's `loc` (`["body", "title"]` is `title`). */
  fields: Record<string, string>;
  /** Everything that belongs to no field of the form. */
  form?: string;
}

const NO_ERRORS: FormErrors = { fields: {} };

/** An API error answer split into the form's fields and the rest, in words for a person. */
export function formErrors(body: unknown, response: Response | undefined, fields: readonly string[], what?: string): FormErrors {
  const byField = fieldMessages(body);
  const own = Object.fromEntries(Object.entries(byField).filter(([name]) => fields.includes(name)));
  if (Object.keys(own).length > 0 && Object.keys(own).length === Object.keys(byField).length) return { fields: own };
  return { fields: own, form: problemMessage(body, response, what) };
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
      setErrors({ fields: {}, form: problemMessage(undefined, undefined) });
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

const ACTIONS = ['click', 'input', 'submit'];

/**
 * A message about what was just done ("Your post was published."): shown until the next
 * action anywhere (a click, typing, a submit), so that it never stands beside the result of
 * a later one. Moving around with Tab keeps it.
 */
export function Notice({ message }: { message?: string }) {
  const [shown, setShown] = useState(message);
  useEffect(() => {
    setShown(message);
    if (!message) return;
    dropNotice();
    const hide = () => setShown(undefined);
    // From the next event on, not the one that brought the message.
    const timer = setTimeout(() => ACTIONS.forEach((type) => document.addEventListener(type, hide, { capture: true, once: true })));
    return () => {
      clearTimeout(timer);
      ACTIONS.forEach((type) => document.removeEventListener(type, hide, { capture: true }));
    };
  }, [message]);
  return shown ? (
    <p className="notice" role="status">
      {shown}
    </p>
  ) : null;
}

/**
 * A Delete link that asks first: `question` with "Yes, delete" (focused, so Enter confirms)
 * and Cancel. `what` names the thing for screen readers ("this post").
 */
export function ConfirmDelete({ what, question, pending, error, onConfirm }: { what: string; question: string; pending: boolean; error?: Error | null; onConfirm(): void }) {
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" className="link danger" onClick={() => setAsking(true)}>
        Delete<span className="visually-hidden"> {what}</span>
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={`Delete ${what}?`}>
      <span>{question}</span>
      <button type="button" ref={confirm} className="danger" disabled={pending} onClick={onConfirm}>
        Yes, delete
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error.message}
        </span>
      )}
    </span>
  );
}
