/**
 * When the hub serves a newer build than this page: a wall says so and reloads itself after a
 * few seconds (nobody is there to click); a console offers a reload button, since a reload would
 * lose what someone is typing (entries already logged wait in the outbox and are kept).
 */
import { useEffect, useState } from 'react';
import { useApp } from '../state/react.tsx';
import { claimReload, ownUiBuild, uiOutdated } from './ui-update.ts';

/** Long enough to read the notice on the wall, short enough that an old wall is not left for long. */
export const WALL_RELOAD_DELAY_MS = 10_000;

const OWN_BUILD = ownUiBuild();

export function UpdateNotice({ wall }: { wall: boolean }) {
  const hubBuild = useApp((s) => s.connection.uiBuild);
  const hubUrl = useApp((s) => s.connection.hubUrl);
  const outdated = uiOutdated(hubBuild, OWN_BUILD, hubUrl, window.location.origin);
  const [stuck, setStuck] = useState(false);

  useEffect(() => {
    if (!wall || !outdated || hubBuild === null) return;
    if (!claimReload(hubBuild, window.sessionStorage, Date.now())) {
      setStuck(true);
      return;
    }
    const timer = setTimeout(() => window.location.reload(), WALL_RELOAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [wall, outdated, hubBuild]);

  if (!outdated) return null;
  if (wall) {
    return (
      <div className="update-notice update-notice-wall" role="status" data-testid="update-notice" data-stuck={stuck}>
        <span aria-hidden="true">{stuck ? '▲ ' : '⟳ '}</span>
        {stuck ? 'This wall runs an older version than the hub; reloading did not update it' : 'The hub was updated: this wall reloads in a few seconds'}
      </div>
    );
  }
  return (
    <section className="update-notice" role="status" data-testid="update-notice">
      <span aria-hidden="true">⟳ </span>
      The hub now serves a newer version of Mission Control. Reload when you are not typing (entries already logged are kept).{' '}
      <button type="button" onClick={() => window.location.reload()} data-testid="update-reload">
        Reload now
      </button>
    </section>
  );
}
