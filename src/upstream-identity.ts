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
