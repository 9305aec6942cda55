import type { Unit } from '../model/workspace.ts';

function scaled(value: number, steps: readonly (readonly [number, string])[], decimals?: number): string {
  const abs = Math.abs(value);
  for (const [size, suffix] of steps) {
    if (abs >= size) return `${trim(value / size, decimals)}${suffix}`;
  }
  return trim(value, decimals);
}

/** Up to 3 significant digits unless told otherwise: 1.23K, 12.3K, 123K. */
function trim(value: number, decimals?: number): string {
  if (decimals !== undefined) return value.toFixed(decimals);
  const abs = Math.abs(value);
  const places = abs >= 100 || abs === 0 ? 0 : abs >= 10 ? 1 : 2;
  return String(Number(value.toFixed(places)));
}

const SI = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
] as const;
const BYTES = [
  [1024 ** 4, ' TiB'],
  [1024 ** 3, ' GiB'],
  [1024 ** 2, ' MiB'],
  [1024, ' KiB'],
  [1, ' B'],
] as const;
const BITS = [
  [1e9, ' Gb/s'],
  [1e6, ' Mb/s'],
  [1e3, ' kb/s'],
  [0, ' b/s'],
] as const;

/** Format a value in a unit for a wall: short, readable across a room. */
export function formatValue(value: number | null | undefined, unit: Unit, decimals?: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  switch (unit) {
    case 'none':
      return trim(value, decimals);
    case 'short':
      return scaled(value, SI, decimals);
    case 'percent':
      return `${trim(value, decimals)}%`;
    case 'percentunit':
      return `${trim(value * 100, decimals)}%`;
    case 'reqps':
      return `${scaled(value, SI, decimals)} req/s`;
    case 'bytes':
      return value === 0 ? '0 B' : scaled(value, BYTES, decimals);
    case 'bps':
      return scaled(value, BITS, decimals);
    case 'ms':
      return Math.abs(value) >= 1000 ? formatValue(value / 1000, 's', decimals) : `${trim(value, decimals)} ms`;
    case 's':
      if (Math.abs(value) < 1) return `${trim(value * 1000, decimals)} ms`;
      if (Math.abs(value) < 60) return `${trim(value, decimals)} s`;
      if (Math.abs(value) < 3600) return `${trim(value / 60, decimals)} min`;
      return `${trim(value / 3600, decimals)} h`;
  }
}
