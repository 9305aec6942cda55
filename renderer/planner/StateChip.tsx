import type { StateWord } from './words.ts';

/** A state as icon + word on its tone's colour. */
export function StateChip({ state, testId, title }: { state: StateWord; testId?: string; title?: string }) {
  return (
    <span className="state-chip" data-tone={state.tone} data-testid={testId} title={title}>
      <span aria-hidden="true">{state.icon}</span> {state.word}
    </span>
  );
}
