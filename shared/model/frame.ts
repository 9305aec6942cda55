/** What a source adapter produces and the hub pushes to clients: normalized, with freshness. */

/** [epoch ms (UTC), value] */
export type Point = readonly [number, number];

export interface Series {
  /** Stable within a frame: the label set rendered as text, e.g. `{region="eu-west"}`. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly points: readonly Point[];
}

export interface FrameMeta {
  readonly sourceId: string;
  /** When the source last answered successfully (hub clock), or null before the first success. */
  readonly lastSuccessAt: number | null;
  readonly lastAttemptAt: number | null;
  /** The last failure in words ("connect ECONNREFUSED 127.0.0.1:4821"), cleared on success. */
  readonly lastError: string | null;
  readonly expectedIntervalMs: number;
}

export interface Frame {
  readonly key: string;
  readonly series: readonly Series[];
  readonly meta: FrameMeta;
}

/** An update: only the points added since the previous one, plus fresh metadata. */
export interface FrameDelta {
  readonly key: string;
  readonly series: readonly Series[];
  readonly meta: FrameMeta;
}
