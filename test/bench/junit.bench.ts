/**
 * JUnit ingest throughput: MB/s for the whole ingest (bytes → summary with recomputed counts) on
 * one large generated report, beside the raw XML parser (saxes, same options, no handlers) reading
 * the same bytes in the same run. Both start from the bytes, so both include UTF-8 decoding.
 * The report: 20,000 test cases in 200 Surefire-style suites (about 10 MB) with properties,
 * system-out, stack traces on failures and errors, skipped cases and flakyFailure reruns.
 * Each parser is warmed up, then timed in ROUNDS interleaved rounds; the best round is reported.
 */
import { SaxesParser } from 'saxes';
import { parseJUnit } from '../../electron/hub/canaries/junit/parse.ts';
import { figure, type Figure } from './report.ts';

const CASES = 20_000;
const PER_SUITE = 100;
const ROUNDS = 5;

const STACK = Array.from({ length: 40 }, (_, i) => `\tat com.example.streaming.module${i % 7}.Service${i}.call(Service${i}.java:${40 + i})`).join('\n');

/** A deterministic report of about 10 MB. */
export function generateReport(cases = CASES): Buffer {
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="production-api" time="1843.211">\n'];
  for (let s = 0; s < cases / PER_SUITE; s++) {
    const cls = `com.example.streaming.api.Suite${s}Test`;
    parts.push(`  <testsuite name="${cls}" time="9.216" tests="${PER_SUITE}" errors="0" skipped="0" failures="0" timestamp="2024-05-18T19:00:00Z" hostname="ci-${s % 8}">\n`);
    parts.push('    <properties>\n');
    // Surefire writes every JVM system property, the class path among them.
    parts.push(`      <property name="java.class.path" value="${Array.from({ length: 30 }, (_, i) => `/home/ci/.m2/repository/org/example/lib${i}/1.${i}.0/lib${i}-1.${i}.0.jar`).join(':')}"/>\n`);
    for (let p = 0; p < 50; p++) parts.push(`      <property name="java.property.${p}" value="value-${p}-${'x'.repeat(24)}"/>\n`);
    parts.push('    </properties>\n');
    for (let c = 0; c < PER_SUITE; c++) {
      const n = s * PER_SUITE + c;
      const head = `    <testcase name="request_${n}_returns_the_expected_manifest_for_profile_${n % 17}" classname="${cls}" time="0.${String(n % 997).padStart(3, '0')}"`;
      switch (n % 50) {
        case 7:
        case 19:
          parts.push(`${head}>\n      <failure message="expected status 200 but was 503 &lt;Service Unavailable&gt;" type="org.opentest4j.AssertionFailedError"><![CDATA[org.opentest4j.AssertionFailedError: expected status 200 but was 503\n${STACK}\n]]></failure>\n      <system-out><![CDATA[GET /v2/manifest/${n} -> 503\n]]></system-out>\n    </testcase>\n`);
          break;
        case 23:
          parts.push(`${head}>\n      <error message="Read timed out" type="java.net.SocketTimeoutException"><![CDATA[java.net.SocketTimeoutException: Read timed out\n${STACK}\n]]></error>\n    </testcase>\n`);
          break;
        case 31:
          parts.push(`${head}>\n      <skipped message="needs a DRM-capable runner"/>\n    </testcase>\n`);
          break;
        case 41:
          parts.push(`${head}>\n      <flakyFailure message="manifest older than 6s" type="java.lang.AssertionError">\n        <stackTrace><![CDATA[java.lang.AssertionError: manifest older than 6s\n${STACK}\n]]></stackTrace>\n        <system-out><![CDATA[age: 14s\n]]></system-out>\n      </flakyFailure>\n    </testcase>\n`);
          break;
        default:
          parts.push(`${head}/>\n`);
      }
    }
    parts.push(`    <system-out><![CDATA[${'suite log line with some detail about the run\n'.repeat(40)}]]></system-out>\n  </testsuite>\n`);
  }
  parts.push('</testsuites>\n');
  return Buffer.from(parts.join(''), 'utf8');
}

function rawSaxes(bytes: Uint8Array): void {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  parser.write(new TextDecoder().decode(bytes)).close();
}

function timeOnce(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export async function run(): Promise<Figure[]> {
  const bytes = generateReport();
  const mb = bytes.length / 1e6;
  const check = parseJUnit(bytes);
  if (check.tests !== CASES) throw new Error(`expected ${CASES} cases, got ${check.tests}`);
  const ingest = () => void parseJUnit(bytes);
  const raw = () => rawSaxes(bytes);
  ingest();
  raw();
  let bestIngest = Infinity;
  let bestRaw = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    bestIngest = Math.min(bestIngest, timeOnce(ingest));
    bestRaw = Math.min(bestRaw, timeOnce(raw));
  }
  const ingestRate = mb / (bestIngest / 1000);
  const rawRate = mb / (bestRaw / 1000);
  console.log(`JUnit report: ${mb.toFixed(1)} MB, ${check.tests.toLocaleString('en-US')} cases (${check.failed} failed, ${check.errored} errored, ${check.skipped} skipped, ${check.flaky} flaky), best of ${ROUNDS} rounds:`);
  console.log(`  ingest (parseJUnit)  ${bestIngest.toFixed(0).padStart(5)} ms  ${ingestRate.toFixed(1).padStart(6)} MB/s  ${Math.round(CASES / (bestIngest / 1000)).toLocaleString('en-US')} cases/s`);
  console.log(`  raw saxes            ${bestRaw.toFixed(0).padStart(5)} ms  ${rawRate.toFixed(1).padStart(6)} MB/s`);
  return [
    figure('junit-ingest', 'mb_per_sec_vs_raw_saxes', ingestRate, 'MB/s', rawRate),
    figure('junit-ingest', 'ms_per_report_vs_raw_saxes', bestIngest, 'ms', bestRaw),
  ];
}
