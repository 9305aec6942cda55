// `npm run demo -- --port P [--host H] [--speed N] [--seed S] [--start-at MINUTES]`
// Runs the demo platform until SIGINT/SIGTERM. Importing this module has no side effects.

import { parseArgs } from 'node:util';
import { startDemo } from './server.ts';
import type { DemoOptions } from './server.ts';

const USAGE = 'usage: npm run demo -- --port P [--host H] [--speed N] [--seed S] [--start-at MINUTES]';

/** A bad command line: reported as one line, exit code 2. */
export class UsageError extends Error {}

function number(flag: string, value: string | undefined, check: (n: number) => boolean, what: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${flag} must be ${what}, got "${value}"`);
  return n;
}

/** Turn argv (without node and the script) into demo options. */
export function parseDemoArgs(argv: readonly string[]): DemoOptions & { help?: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        speed: { type: 'string' },
        seed: { type: 'string' },
        'start-at': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // parseArgs messages can span lines; a usage error is one line
    throw new UsageError((error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' '));
  }
  if (values.help) return { help: true };
  if (values.port === undefined) throw new UsageError('--port is required (0 picks a free port)');
  const options: DemoOptions = {
    port: number('port', values.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'an integer 0–65535'),
    speed: number('speed', values.speed, (n) => n > 0 && n <= 100_000, 'a number > 0 (times real time)'),
    seed: number('seed', values.seed, (n) => Number.isSafeInteger(n), 'an integer'),
    startAtMinutes: number('start-at', values['start-at'], (n) => n >= 0, 'a number of minutes >= 0'),
  };
  if (values.host !== undefined) {
    if (values.host.trim() === '') throw new UsageError('--host must not be empty');
    options.host = values.host;
  }
  return options;
}

/** Run the CLI; resolves with the exit code once the server has stopped (or failed to start). */
export async function main(argv: readonly string[]): Promise<number> {
  let options: DemoOptions & { help?: boolean };
  try {
    options = parseDemoArgs(argv);
  } catch (error) {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)} (try --help)`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  let demo;
  try {
    demo = await startDemo(options);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    console.error(`demo: cannot start: ${code === 'EADDRINUSE' ? `port ${options.port} is already in use` : message}`);
    return error instanceof RangeError ? 2 : 1;
  }
  console.log(`Demo platform (match night) on ${demo.url}  speed ${demo.scenario.speed}×`);
  const handle = demo;
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void handle.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
