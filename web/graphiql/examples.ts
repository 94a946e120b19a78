/** One ready example operation, as the gateway serves it from `examples/*.graphql` (`/graphiql/examples.json`). */
export interface Example {
  /** File name, e.g. `01-dashboard.graphql`; the number gives the order. */
  file: string;
  /** Human title derived from the file name, e.g. `Dashboard`. */
  title: string;
  /** The file's leading comment, without the `#` marks. */
  description: string;
  /** The whole file, comments included: what the query editor shows. */
  query: string;
  /** JSON text for the variables editor, when the file names some (`# variables: {…}`). */
  variables?: string;
  /** JSON text for the headers editor, when the file names some (`# headers: {…}`). */
  headers?: string;
}

/** Fetches the examples next to the page; an empty list when the gateway serves none (the page still works). */
export async function loadExamples(url: string): Promise<Example[]> {
  try {
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    if (!res.ok) return [];
    const body = (await res.json()) as { examples?: Example[] };
    return Array.isArray(body.examples) ? body.examples : [];
  } catch {
    return [];
  }
}
