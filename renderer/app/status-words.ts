/** Every state in colour AND shape AND word: the icons and words used everywhere. */
import type { Freshness } from '../../shared/domain/freshness.ts';
import type { ConnectionStatus } from '../state/connection.ts';

export type Tone = 'ok' | 'warning' | 'critical' | 'unknown';

export const toneIcon: Record<Tone, string> = { ok: '✓', warning: '▲', critical: '✖', unknown: '?' };
export const toneWord: Record<Tone, string> = { ok: 'OK', warning: 'Warning', critical: 'Critical', unknown: 'No value' };

export const freshnessIcon: Record<Freshness, string> = { live: '●', delayed: '◐', stale: '○', disconnected: '⊘' };
export const freshnessWord: Record<Freshness, string> = {
  live: 'live',
  delayed: 'delayed',
  stale: 'stale',
  disconnected: 'disconnected',
};

export const connectionIcon: Record<ConnectionStatus, string> = {
  connecting: '◌',
  connected: '●',
  disconnected: '⊘',
  unauthorized: '✖',
};
export const connectionWord: Record<ConnectionStatus, string> = {
  connecting: 'Connecting',
  connected: 'Connected',
  disconnected: 'Disconnected',
  unauthorized: 'Not signed in',
};
