import { useEffect, useState } from 'react';
import { durationFieldText, readDurationField } from './duration-field.ts';

/**
 * A duration field ("5m") over a plan value kept in milliseconds: what is typed stays as typed,
 * the draft changes only when it reads as a duration, and a typo is named next to the field.
 */
export function DurationInput({ value, optional, onChange, label, testId }: { value: number | undefined; optional: boolean; onChange: (ms: number | undefined) => void; label: string; testId?: string }) {
  const [text, setText] = useState(() => durationFieldText(value));
  // The draft changed from elsewhere (discard, a reload): show it, unless it is what is typed.
  useEffect(() => {
    setText((typed) => {
      const read = readDurationField(typed, optional);
      return read.ok && read.ms === value ? typed : durationFieldText(value);
    });
  }, [value, optional]);
  const read = readDurationField(text, optional);
  return (
    <>
      <input
        className="narrow"
        value={text}
        placeholder={optional ? '—' : '5m'}
        aria-label={label}
        aria-invalid={!read.ok}
        onChange={(x) => {
          setText(x.target.value);
          const next = readDurationField(x.target.value, optional);
          if (next.ok) onChange(next.ms);
        }}
        data-testid={testId}
      />
      {!read.ok && <div className="form-error">{read.message}</div>}
    </>
  );
}
