/**
 * A parser for the Prometheus text exposition format (0.0.4) and its OpenMetrics superset.
 *
 * Written here rather than taken from npm: the maintained JavaScript parsers we tried either
 * dropped the labels of histogram series or accepted garbage (an HTML error page) as samples,
 * and a scrape source must refuse a page that is not metrics, saying where it went wrong.
 */

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  /** The exposition's own timestamp (ms), when it gives one. */
  readonly timestampMs?: number;
}

export interface Exposition {
  readonly samples: readonly Sample[];
  /** Metric family name → declared type (counter, gauge, histogram, summary, untyped, ...). */
  readonly types: ReadonlyMap<string, string>;
}

export class ExpositionError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

function parseNumber(text: string): number | null {
  switch (text) {
    case '+Inf':
    case 'Inf':
    case '+inf':
    case 'inf':
      return Infinity;
    case '-Inf':
    case '-inf':
      return -Infinity;
    case 'NaN':
    case 'nan':
      return NaN;
  }
  // Number('') is 0 and Number('0x1A') is 26: neither is a valid sample value.
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return null;
  return Number(text);
}

export function parseExposition(text: string): Exposition {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const meta = /^#\s+TYPE\s+(\S+)\s+(\S+)\s*$/.exec(line);
      if (meta) types.set(meta[1]!, meta[2]!.toLowerCase());
      continue; // HELP, UNIT, EOF and free comments carry nothing we need.
    }
    samples.push(parseSampleLine(line, lineNo));
  }
  return { samples, types };
}

function parseSampleLine(line: string, lineNo: number): Sample {
  const nameMatch = NAME.exec(line);
  if (!nameMatch) throw new ExpositionError(lineNo, `expected a metric name, got ${JSON.stringify(line.slice(0, 40))}`);
  const name = nameMatch[0];
  let pos = name.length;
  const labels: Record<string, string> = {};
  if (line[pos] === '{') {
    pos++;
    for (;;) {
      while (line[pos] === ' ') pos++;
      if (line[pos] === '}') {
        pos++;
        break;
      }
      const labelMatch = LABEL_NAME.exec(line.slice(pos));
      if (!labelMatch) throw new ExpositionError(lineNo, `expected a label name at column ${pos + 1}`);
      pos += labelMatch[0].length;
      if (line[pos] !== '=' || line[pos + 1] !== '"') throw new ExpositionError(lineNo, `expected ="value" after label ${labelMatch[0]}`);
      pos += 2;
      let value = '';
      for (;;) {
        const ch = line[pos];
        if (ch === undefined) throw new ExpositionError(lineNo, `unterminated value of label ${labelMatch[0]}`);
        pos++;
        if (ch === '"') break;
        if (ch === '\\') {
          const next = line[pos++];
          value += next === 'n' ? '\n' : next === '\\' ? '\\' : next === '"' ? '"' : `\\${next ?? ''}`;
        } else value += ch;
      }
      labels[labelMatch[0]] = value;
      while (line[pos] === ' ') pos++;
      if (line[pos] === ',') pos++;
      else if (line[pos] !== '}') throw new ExpositionError(lineNo, `expected "," or "}" at column ${pos + 1}`);
    }
  }
  // What follows: value [timestamp] [# exemplar]
  const rest = line.slice(pos).split(' # ')[0]!.trim().split(/\s+/);
  const value = parseNumber(rest[0] ?? '');
  if (value === null) throw new ExpositionError(lineNo, `expected a number as the value of ${name}, got ${JSON.stringify(rest[0] ?? '')}`);
  if (rest.length > 2) throw new ExpositionError(lineNo, `unexpected text after the value of ${name}`);
  if (rest.length === 2) {
    const ts = parseNumber(rest[1]!);
    if (ts === null || !Number.isFinite(ts)) throw new ExpositionError(lineNo, `expected a timestamp after the value of ${name}`);
    return { name, labels, value, timestampMs: ts };
  }
  return { name, labels, value };
}
