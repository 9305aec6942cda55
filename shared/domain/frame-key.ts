/**
 * Two panels that ask the same source the same question share one frame (and one upstream
 * request). The key is the source id plus the query in canonical JSON, so hub and UI compute it
 * the same way without talking.
 */
export function frameKey(sourceId: string, query: unknown): string {
  return `${sourceId}:${canonicalJson(query)}`;
}

/** JSON with object keys sorted and undefined members dropped, so equal queries give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
