/** A reason the workspace file was refused, pointing at the place to fix. */
export interface WorkspaceIssue {
  readonly file: string;
  /** 1-based; null when the problem is not at one place (e.g. the file is missing). */
  readonly line: number | null;
  readonly column: number | null;
  /** The field in dotted form, e.g. "walls[0].panels[2].gridPos.w". */
  readonly field: string;
  readonly message: string;
}

/** "workspace.yaml:14:7 walls[0].panels[2].gridPos.w: expected ..." */
export function formatWorkspaceIssue(issue: WorkspaceIssue): string {
  const where = issue.line === null ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  return issue.field ? `${where} ${issue.field}: ${issue.message}` : `${where}: ${issue.message}`;
}
