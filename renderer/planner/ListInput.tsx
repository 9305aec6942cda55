/**
 * A comma-separated list typed as text ("main, lobby"). What is typed stays as typed — a comma
 * just typed, a space — while the plan gets the list; a list changed elsewhere (a reload, the YAML
 * section) replaces the text.
 */
import { useState } from 'react';

export const parseList = (text: string): string[] =>
  text
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '');

export function ListInput({ value, onChange, testId }: { value: readonly string[]; onChange: (list: string[]) => void; testId?: string }) {
  const [text, setText] = useState(() => value.join(', '));
  // Changed elsewhere: show the plan's list (set during render, as React's docs do for derived state).
  if (parseList(text).join('\n') !== value.join('\n')) setText(value.join(', '));
  return (
    <input
      value={text}
      onChange={(x) => {
        setText(x.target.value);
        onChange(parseList(x.target.value));
      }}
      data-testid={testId}
    />
  );
}
