import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One ready example operation for the GraphiQL page (`examples/NN-name.graphql`). */
export interface GraphiQLExample {
  /** File name; its number gives the order. */
  file: string;
  /** Title from the file name: `02-domain-search.graphql` → `Domain search`. */
  title: string;
  /** The leading `#` comment block, without the marks (and without `variables:`/`headers:` lines). */
  description: string;
  /** The whole file, comments included. */
  query: string;
  /** Pretty JSON for the variables editor, from a `# variables: {…}` line. */
  variables?: string;
  /** Pretty JSON for the headers editor, from a `# headers: {…}` line. */
  headers?: string;
}

/** `NN-name.graphql`: only numbered files are examples, so the order is explicit. */
const EXAMPLE_FILE = /^(\d+)-([a-z0-9-]+)\.graphql$/;
const EDITOR_LINE = /^(variables|headers):\s*(\{.*\})\s*$/;

/**
 * Reads the examples of a folder in their numbered order. A file's leading comment becomes its description; a comment
 * line `variables: {…}` or `headers: {…}` (JSON) fills that editor when the example is opened.
 */
export function readExamples(dir: string): GraphiQLExample[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, match: EXAMPLE_FILE.exec(name) }))
    .filter((f): f is { name: string; match: RegExpExecArray } => f.match !== null)
    .sort((a, b) => Number(a.match[1]) - Number(b.match[1]) || a.name.localeCompare(b.name))
    .map(({ name, match }) => parseExample(name, match[2] ?? name, readFileSync(join(dir, name), 'utf8')));
}

function parseExample(file: string, slug: string, text: string): GraphiQLExample {
  const comment: string[] = [];
  const editors: { variables?: string; headers?: string } = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const content = line.replace(/^#\s?/, '');
    const editor = EDITOR_LINE.exec(content.trim());
    if (editor?.[1] && editor[2]) editors[editor[1] as 'variables' | 'headers'] = prettyJson(file, editor[2]);
    else comment.push(content);
  }
  const title = slug.replace(/-/g, ' ');
  return {
    file,
    title: title.charAt(0).toUpperCase() + title.slice(1),
    // Markdown: the page renders it (backticks become code; lines of one paragraph flow together).
    description: comment.join('\n').trim(),
    query: text,
    ...editors,
  };
}

function prettyJson(file: string, json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    throw new Error(`examples/${file}: the editor line is not JSON: ${json}`);
  }
}
