import { describe, expect, it } from 'vitest';
import { ExpositionError, parseExposition } from './exposition.ts';

describe('parseExposition', () => {
  it('reads names, labels (with escapes), special values and types', () => {
    const text = [
      '# HELP http_requests_total Requests.',
      '# TYPE http_requests_total counter',
      'http_requests_total{code="200",path="/a\\"b\\\\c\\nd"} 1027 1395066363000',
      'http_requests_total{code="500",} 3',
      '# TYPE latency histogram',
      'latency_bucket{le="0.1"} 5',
      'latency_bucket{le="+Inf"} 9',
      'up +Inf',
      'down -Inf',
      'weird NaN',
      'sci 1.5e3 # {trace_id="x"} 1',
      '',
    ].join('\n');
    const { samples, types } = parseExposition(text);
    expect(samples).toHaveLength(8);
    expect(samples[0]).toEqual({ name: 'http_requests_total', labels: { code: '200', path: '/a"b\\c\nd' }, value: 1027, timestampMs: 1395066363000 });
    expect(samples[1]!.labels).toEqual({ code: '500' });
    expect(samples[3]!.labels).toEqual({ le: '+Inf' });
    expect(samples[4]!.value).toBe(Infinity);
    expect(samples[5]!.value).toBe(-Infinity);
    expect(samples[6]!.value).toBeNaN();
    expect(samples[7]!.value).toBe(1500);
    expect(types.get('latency')).toBe('histogram');
  });

  it('refuses an HTML error page, naming the line', () => {
    const html = '<!DOCTYPE html>\n<html><body>502 Bad Gateway</body></html>';
    expect(() => parseExposition(html)).toThrow(ExpositionError);
    expect(() => parseExposition(html)).toThrow(/line 1: expected a metric name/);
  });

  it('refuses malformed samples with the line and reason', () => {
    expect(() => parseExposition('ok 1\nbad{x="1" 3\n')).toThrow(/line 2/);
    expect(() => parseExposition('garbage here')).toThrow(/line 1: expected a number as the value of garbage, got "here"/);
    expect(() => parseExposition('x{a="1"} 0x1A')).toThrow(/expected a number/);
    expect(() => parseExposition('x{a="unterminated} 1')).toThrow(/unterminated/);
  });
});
