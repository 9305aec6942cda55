/**
 * Desktop notifications for this console: what they announce, and in a browser the one place
 * that asks for permission (a click, never a prompt out of nowhere; walls never ask).
 */
import { useState } from 'react';
import { platform } from '../platform/index.ts';

type Permission = 'granted' | 'denied' | 'default' | 'unsupported';

const browserPermission = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : (Notification.permission as Permission));

const WORDS: Record<Permission, string> = {
  granted: '✓ on: shown while this console is in the background',
  default: '○ off: this browser has not been allowed to show them',
  denied: '✖ blocked in this browser’s site settings; allow them there',
  unsupported: '✖ this browser cannot show them',
};

export function Notifications() {
  const desktop = platform().kind === 'desktop';
  const [permission, setPermission] = useState<Permission>(() => (desktop ? 'granted' : browserPermission()));
  const allow = async () => {
    try {
      setPermission((await Notification.requestPermission()) as Permission);
    } catch {
      setPermission(browserPermission());
    }
  };
  return (
    <section className="card" data-testid="settings-notifications">
      <h2>Notifications</h2>
      <p>
        While this console is in the background, it announces an incident declared, a critical canary confirmed failing, and a handoff offered to the person in
        “Acting as”.
      </p>
      <p data-testid="notifications-state" data-permission={permission}>
        {WORDS[permission]}
      </p>
      {permission === 'default' && (
        <button type="button" onClick={() => void allow()} data-testid="notifications-allow">
          Allow notifications
        </button>
      )}
    </section>
  );
}
