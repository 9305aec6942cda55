import type { ReactNode } from 'react';

/** What a field's control needs to be labelled, described and marked invalid. */
export interface ControlProps {
  readonly id: string;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby': string | undefined;
}

/**
 * One labelled field of the review's forms: its label, the control, a hint and its error in words
 * beside it, the error announced and tied to the control (aria-describedby) so a screen reader
 * reads it with the field.
 */
export function FormField({ id, label, hint, error, testId, children }: { id: string; label: string; hint?: string; error?: string | undefined; testId: string; children: (control: ControlProps) => ReactNode }) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="review-field" data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      <div>
        {children({ id, 'aria-invalid': error !== undefined, 'aria-describedby': described })}
        {hint && (
          <div id={`${id}-hint`} className="hint">
            {hint}
          </div>
        )}
        {error && (
          <div id={`${id}-error`} className="form-error" role="alert" data-testid={`${testId}-error`}>
            ✖ {error}
          </div>
        )}
      </div>
    </div>
  );
}
