import { formatWorkspaceIssue } from '../../shared/model/workspace-error.ts';
import { useApp } from '../state/react.tsx';

/** On consoles: why the workspace file was refused, where to fix it. Never a modal. */
export function IssuesBanner() {
  const issues = useApp((s) => s.workspace.issues);
  const running = useApp((s) => s.workspace.workspace !== null);
  if (!issues || issues.length === 0) return null;
  return (
    <section className="issues-banner" data-testid="workspace-issues" data-count={issues.length} role="alert">
      <h2>
        <span aria-hidden="true">▲ </span>
        The workspace file was refused ({issues.length} {issues.length === 1 ? 'problem' : 'problems'})
        {running ? ' — the last valid workspace is still running' : ''}
      </h2>
      <ul>
        {issues.map((issue, i) => (
          <li key={i}>
            <code data-testid="workspace-issue">{formatWorkspaceIssue(issue)}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
