/**
 * A runbook one click from the wall or the console: opened outside the app (the system browser in
 * the desktop app, a new tab without opener in a browser), never in the wall itself.
 */
import type { MouseEvent } from 'react';
import { platform } from '../platform/index.ts';

export function openOutside(event: MouseEvent<HTMLAnchorElement>, href: string): void {
  event.preventDefault();
  void platform().openExternal(href);
}

export function RunbookLink({ url, testId }: { url: string; testId: string }) {
  return (
    <a className="runbook-link" href={url} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer" onClick={(e) => openOutside(e, url)} data-testid={testId} title={url}>
      <span aria-hidden="true">📖 </span>Runbook
    </a>
  );
}
