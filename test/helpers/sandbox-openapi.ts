import { startSandbox } from '@wix-account-graph/sandbox';

/**
 * The sandbox's OpenAPI document (`GET /openapi.json`), the gateway tests' one source for which Wix error codes each
 * endpoint answers: the sandbox's own tests keep the document honest (every code its routes throw is documented).
 */

interface Operation {
  'x-contract'?: string;
  /** The endpoint's own errors by HTTP status (its contract table), without the refusals every endpoint shares. */
  'x-wix-endpoint-errors'?: Record<string, string[]>;
  responses: Record<string, { 'x-wix-error-codes'?: string[] }>;
}

/** The parts of the document these tests read. */
export interface SandboxOpenApi {
  paths: Record<string, Record<string, Operation>>;
}

/** Codes any endpoint can answer, whatever it does: bad key, rate limit, a body that is not a JSON object. */
const SHARED_CODES = new Set(['UNAUTHENTICATED', 'RESOURCE_EXHAUSTED', 'VALIDATION']);

/** Starts a sandbox, reads its OpenAPI document over loopback HTTP, and stops it. */
export async function fetchSandboxOpenApi(): Promise<SandboxOpenApi> {
  const sandbox = await startSandbox({ clock: 'manual' });
  try {
    const res = await fetch(`${sandbox.url}/openapi.json`);
    if (!res.ok) throw new Error(`GET /openapi.json answered ${res.status}`);
    return (await res.json()) as SandboxOpenApi;
  } finally {
    await sandbox.close();
  }
}

/** [status, code] of an endpoint's own documented errors; `endpoint` is its contract key, e.g. `POST /resellers/v2/packages`. */
export function endpointErrors(doc: SandboxOpenApi, endpoint: string): Array<[number, string]> {
  for (const item of Object.values(doc.paths))
    for (const op of Object.values(item)) {
      if (op['x-contract'] !== endpoint) continue;
      return Object.entries(op['x-wix-endpoint-errors'] ?? {}).flatMap(([status, codes]) =>
        codes.map((code): [number, string] => [Number(status), code]),
      );
    }
  throw new Error(`the sandbox documents no ${endpoint}`);
}

/**
 * Every application error code the endpoints under `pathPrefix` answer with (account refusals included), apart from
 * the codes every endpoint shares, sorted.
 */
export function codesUnder(doc: SandboxOpenApi, pathPrefix: string): string[] {
  const codes = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith(pathPrefix)) continue;
    for (const op of Object.values(item))
      for (const response of Object.values(op.responses))
        for (const code of response['x-wix-error-codes'] ?? []) if (!SHARED_CODES.has(code)) codes.add(code);
  }
  return [...codes].sort();
}
