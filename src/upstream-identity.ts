import { createHash } from 'node:crypto';

/**
 * What operations and ledger entries are bound to: the upstream's base URL, the main account and, on a sandbox, its
 * world (new at every sandbox start and reset; Wix has none). A key replayed against another upstream or world starts
 * anew instead of answering with what was done elsewhere.
 */
export function upstreamIdentity(baseUrl: string, mainAccountId: string, world: string | undefined): string {
  const digest = createHash('sha256')
    .update(`${baseUrl.replace(/\/+$/, '')}\n${mainAccountId.toLowerCase()}\n${world ?? ''}`)
    .digest('hex');
  return digest.slice(0, 32);
}

/**
 * The identity of one gateway's upstream as a function for the store, hashed once per world: the store asks on every
 * call, and the world changes at most once (unknown until the first successful start-up check).
 */
export function upstreamIdentityOf(
  baseUrl: string,
  mainAccountId: string,
  world: () => string | undefined,
): () => string {
  let last: { world: string | undefined; id: string } | undefined;
  return () => {
    const now = world();
    if (!last || last.world !== now) last = { world: now, id: upstreamIdentity(baseUrl, mainAccountId, now) };
    return last.id;
  };
}
