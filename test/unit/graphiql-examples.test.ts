import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readExamples } from '../../src/graphiql-examples.js';

/** How `examples/NN-name.graphql` files become GraphiQL's ready examples (order, titles, comments, editor lines). */
describe('GraphiQL examples', () => {
  const dirs: string[] = [];
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'examples-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('orders by number, titles by name, and keeps the leading comment as the description', () => {
    const dir = folder({
      '10-last-one.graphql': '# Ten.\nquery Ten { __typename }\n',
      '02-second.graphql': '# Two: the `second`.\n# Still two.\n\nquery Two { __typename }\n# not a description\n',
      'notes.graphql': 'query Unnumbered { __typename }\n',
      'README.md': 'not an example',
    });
    const examples = readExamples(dir);
    expect(examples.map((e) => e.file)).toEqual(['02-second.graphql', '10-last-one.graphql']);
    expect(examples[0]).toEqual({
      file: '02-second.graphql',
      title: 'Second',
      description: 'Two: the `second`.\nStill two.',
      query: '# Two: the `second`.\n# Still two.\n\nquery Two { __typename }\n# not a description\n',
    });
    expect(examples[1]?.title).toBe('Last one');
  });

  it('fills the variables and headers editors from `variables:` / `headers:` comment lines', () => {
    const dir = folder({
      '01-flow.graphql':
        '# A flow.\n# variables: {"siteId": "s-1", "dryRun": true}\n# headers: {"wix-account-id": "a-1"}\nmutation Flow { __typename }\n',
    });
    const [example] = readExamples(dir);
    expect(example?.description).toBe('A flow.');
    expect(example?.variables).toBe('{\n  "siteId": "s-1",\n  "dryRun": true\n}');
    expect(example?.headers).toBe('{\n  "wix-account-id": "a-1"\n}');
  });

  it('names the file whose editor line is not JSON, and reads a missing folder as no examples', () => {
    const dir = folder({ '01-bad.graphql': '# variables: {nope}\nquery Bad { __typename }\n' });
    expect(() => readExamples(dir)).toThrow('examples/01-bad.graphql');
    expect(readExamples(join(dir, 'missing'))).toEqual([]);
  });

  it("every file of the project's examples/ is a numbered, described example (else GraphiQL would not show it)", () => {
    const dir = fileURLToPath(new URL('../../examples', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
    const examples = readExamples(dir);
    expect(examples.map((e) => e.file).sort()).toEqual(files.sort());
    for (const example of examples) expect(example.description, example.file).not.toBe('');
    expect(new Set(examples.map((e) => e.file.split('-')[0])).size, 'example numbers are unique').toBe(examples.length);
  });

  it("the README's GraphiQL section explains every example, in order", () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const section = /\n## GraphiQL\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    const rows = [...section.matchAll(/^\| \d+ \| `(\d+-[a-z0-9-]+\.graphql)` \|/gm)].map((m) => m[1]);
    const files = readExamples(fileURLToPath(new URL('../../examples', import.meta.url))).map((e) => e.file);
    expect(rows, 'add a row per example to the table in README.md, section "GraphiQL"').toEqual(files);
  });
});
