/**
 * One display-sleep blocker shared by everyone who wants the screen on (open walls, a page that
 * asked through the bridge). It is held while any owner holds it, so one owner letting go cannot
 * switch the screen off under another.
 */
import { powerSaveBlocker } from 'electron';

const owners = new Set<string>();
let blockerId: number | null = null;

export function holdAwake(owner: string): boolean {
  owners.add(owner);
  if (blockerId === null || !powerSaveBlocker.isStarted(blockerId)) blockerId = powerSaveBlocker.start('prevent-display-sleep');
  return isAwakeHeld();
}

export function releaseAwake(owner: string): boolean {
  owners.delete(owner);
  if (owners.size === 0 && blockerId !== null) {
    powerSaveBlocker.stop(blockerId);
    blockerId = null;
  }
  return isAwakeHeld();
}

export function isAwakeHeld(): boolean {
  return blockerId !== null && powerSaveBlocker.isStarted(blockerId);
}

export function isHeldBy(owner: string): boolean {
  return owners.has(owner);
}
