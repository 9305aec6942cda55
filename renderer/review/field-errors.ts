/**
 * A form's errors by field from the zod schema the hub validates the same body with: each field's
 * first problem in the hub's words (shared/model/issues.ts), so the form and the API say alike
 * what is wrong. A required field left blank is said so rather than as "expected at least 1 character".
 */
import type { z } from 'zod';
import { fieldIssues } from '../../shared/model/issues.ts';

export function errorsByField<Field extends string>(error: z.ZodError, body: Readonly<Record<string, unknown>>): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of fieldIssues(error, body)) {
    const field = String(issue.path[0] ?? '') as Field;
    if (errors[field] !== undefined) continue;
    const value = body[field];
    errors[field] = value === undefined || (typeof value === 'string' && value.trim() === '') ? 'required: this cannot be left blank' : issue.message;
  }
  return errors;
}
