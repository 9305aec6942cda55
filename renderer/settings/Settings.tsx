import { formatWorkspaceIssue } from '../../shared/model/workspace-error.ts';
import { ConnectionState } from '../app/ConnectionState.tsx';
import { useHub } from '../app/hub-context.tsx';
import { roomTimeZone } from '../state/incidents.ts';
import { useApp } from '../state/react.tsx';
import { Displays } from './Displays.tsx';
import { GrafanaImport } from './GrafanaImport.tsx';
import { HubSettings } from './HubSettings.tsx';
import { Notifications } from './Notifications.tsx';
import { roomDateTime } from './room-time.ts';
import { TokensAdmin } from './TokensAdmin.tsx';
import { WallDevices } from './WallDevices.tsx';

export function Settings() {
  const hub = useHub();
  const connection = useApp((s) => s.connection);
  const workspace = useApp((s) => s.workspace);
  const timeZone = useApp(roomTimeZone);

  return (
    <main className="page settings" data-testid="settings">
      <h1>Settings</h1>

      <section className="card" data-testid="settings-connection">
        <h2>Connection</h2>
        <dl>
          <dt>State</dt>
          <dd>
            <ConnectionState />
          </dd>
          <dt>Hub</dt>
          <dd data-testid="settings-hub-url">{connection.hubUrl ?? hub.hubUrl() ?? 'this page’s origin'}</dd>
          <dt>Hub version</dt>
          <dd>{connection.version ?? '–'}</dd>
          <dt>Signed in as</dt>
          <dd data-testid="settings-token-name">{connection.tokenName ?? '–'}</dd>
          <dt>Role</dt>
          <dd data-testid="settings-role">{connection.role ?? '–'}</dd>
          <dt>Clock</dt>
          <dd>
            {connection.helloAt === null
              ? '–'
              : Math.abs(connection.clockOffsetMs) < 1000
                ? 'in step with the hub'
                : `this screen is ${Math.round(Math.abs(connection.clockOffsetMs) / 1000)} s ${connection.clockOffsetMs > 0 ? 'behind' : 'ahead of'} the hub (ages and clocks are corrected)`}
          </dd>
        </dl>
        <button type="button" className="danger" onClick={() => hub.signOut()} data-testid="sign-out">
          Sign out of this screen
        </button>
      </section>

      <section className="card" data-testid="settings-workspace">
        <h2>Workspace</h2>
        <dl>
          <dt>Title</dt>
          <dd>{workspace.workspace?.title ?? '–'}</dd>
          <dt>Loaded</dt>
          <dd>{roomDateTime(workspace.loadedAt, timeZone)}</dd>
          <dt>File</dt>
          <dd>{workspace.issues && workspace.issues.length > 0 ? `▲ refused: ${workspace.issues.length} problem(s)` : workspace.workspace ? '✓ valid' : '–'}</dd>
        </dl>
        {workspace.issues && workspace.issues.length > 0 && (
          <table className="issues-table">
            <thead>
              <tr>
                <th>Where</th>
                <th>Field</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {workspace.issues.map((issue, i) => (
                <tr key={i} title={formatWorkspaceIssue(issue)}>
                  <td>
                    <code>{issue.line === null ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`}</code>
                  </td>
                  <td>
                    <code>{issue.field || '–'}</code>
                  </td>
                  <td>{issue.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <HubSettings />

      <Notifications />

      <Displays />

      {connection.role === 'admin' && <WallDevices />}
      {connection.role === 'admin' && <TokensAdmin />}
      {connection.role === 'admin' && <GrafanaImport />}
    </main>
  );
}
