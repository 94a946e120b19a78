import { clearTestLogs, logProblems, readTestLogs } from './helpers/logs.js';

/**
 * Global setup of the integration project: starts the run with no logs, and after the last test checks every log line
 * every test gateway wrote (test/helpers/logs.ts): each a JSON object, none holding a key or a token. A failure here
 * fails the run.
 */
export function setup(): void {
  clearTestLogs();
}

export function teardown(): void {
  const { files, lines } = readTestLogs();
  const problems = logProblems(lines);
  if (problems.length > 0)
    throw new Error(
      `${problems.length} bad log line(s) in ${files} file(s) of this run:\n${problems.slice(0, 20).join('\n')}`,
    );
}
