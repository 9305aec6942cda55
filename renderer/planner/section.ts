import type { Plan } from '../../shared/model/plan.ts';

/** What every editor section gets: the draft plan and a way to change it. */
export interface SectionProps {
  readonly plan: Plan;
  /** Change the draft: `fn` edits a copy in place. */
  readonly edit: (fn: (draft: Plan) => void) => void;
  readonly now: number;
}

/** An id from a label: lowercase, digits and "-", unique among `taken`. */
export function newId(label: string, taken: readonly { id: string }[]): string {
  const base = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'item';
  const ids = new Set(taken.map((t) => t.id));
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * Set an optional text field, or remove it when emptied (the schema wants it absent, not ""). The
 * text is kept as typed: trimming here would eat the space just typed between two words.
 */
export function setOptional<T extends object>(target: T, key: keyof T, value: string): void {
  if (value.trim() !== '') (target as Record<PropertyKey, unknown>)[key] = value;
  else Reflect.deleteProperty(target, key);
}
