import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { createLogger, type GatewayLogger } from '../../src/observability/logger.js';

/** Where every test gateway's log lines go, one file per test process (`<pid>.jsonl`); checked after the run. */
export const TEST_LOG_DIR = fileURLToPath(new URL('../../.test-logs/', import.meta.url));

/** What must never appear in a log line: gateway tokens, Wix-style keys, bearer credentials, JWTs. */
export const SECRET_PATTERNS: readonly RegExp[] = [
  /wag_[0-9a-f]{16}_[A-Za-z0-9_-]{20,}/,
  /\bIST\.[A-Za-z0-9._~+/=-]{6,}/,
  /\bBearer\s+[A-Za-z0-9._~+/=-]{6,}/i,
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\./,
];

/**
 * A gateway logger for tests at level debug that keeps its lines in memory (for assertions) and appends them to this
 * process's file under TEST_LOG_DIR, so the whole run's logs can be checked at its end (test/global-logs.ts).
 */
export class LogCapture {
  readonly lines: string[] = [];
  readonly logger: GatewayLogger;
  private readonly file = join(TEST_LOG_DIR, `${process.pid}.jsonl`);

  constructor() {
    mkdirSync(TEST_LOG_DIR, { recursive: true });
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        const text = chunk.toString('utf8');
        for (const line of text.split('\n')) if (line) this.lines.push(line);
        appendFileSync(this.file, text);
        done();
      },
    });
    this.logger = createLogger({ level: 'debug', destination: sink });
  }

  /** Every line parsed (throws, naming the line, when one is not JSON). */
  records(): Array<Record<string, unknown>> {
    return this.lines.map((line) => parseLine(line));
  }

  /** The lines of one `event`. */
  events(event: string): Array<Record<string, unknown>> {
    return this.records().filter((r) => r.event === event);
  }
}

/** Parses one log line, or throws naming it. */
export function parseLine(line: string): Record<string, unknown> {
  try {
    const value = JSON.parse(line) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new Error(`log line is not a JSON object: ${line.slice(0, 300)}`);
  }
}

/** The problems of a set of log lines: lines that are not JSON objects, lines holding a secret (or a known one). */
export function logProblems(lines: readonly string[], secrets: readonly string[] = []): string[] {
  const problems: string[] = [];
  for (const line of lines) {
    try {
      parseLine(line);
    } catch (error) {
      problems.push((error as Error).message);
    }
    const leaked = SECRET_PATTERNS.find((p) => p.test(line)) ?? secrets.find((s) => s.length >= 8 && line.includes(s));
    if (leaked) problems.push(`log line holds a secret (${String(leaked).slice(0, 30)}…): ${line.slice(0, 200)}`);
  }
  return problems;
}

/** Removes the logs of an earlier run (the global setup, before any test starts). */
export function clearTestLogs(): void {
  rmSync(TEST_LOG_DIR, { recursive: true, force: true });
}

/** Every line every test process wrote under TEST_LOG_DIR, with the number of files. */
export function readTestLogs(): { files: number; lines: string[] } {
  let names: string[];
  try {
    names = readdirSync(TEST_LOG_DIR).filter((n) => n.endsWith('.jsonl'));
  } catch {
    return { files: 0, lines: [] };
  }
  const lines = names.flatMap((n) =>
    readFileSync(join(TEST_LOG_DIR, n), 'utf8')
      .split('\n')
      .filter((l) => l !== ''),
  );
  return { files: names.length, lines };
}
