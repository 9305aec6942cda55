import type { PlanIssue } from '../../../shared/model/plan.ts';

/** A plan command the hub refuses: the HTTP status, a code and words for the person. */
export class PlanRefused extends Error {
  readonly httpStatus: number;
  readonly code: string;
  /** Each bad field, when the plan itself was refused. */
  readonly issues: readonly (PlanIssue & { line?: number | null; column?: number | null })[];
  constructor(httpStatus: number, code: string, message: string, issues: PlanRefused['issues'] = []) {
    super(message);
    this.httpStatus = httpStatus;
    this.code = code;
    this.issues = issues;
  }
}
