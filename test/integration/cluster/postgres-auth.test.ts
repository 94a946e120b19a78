import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowSetUpCustomerSiteDocument, ViewerIdDocument } from '../../gql/graphql.js';
import { Cluster } from '../../helpers/cluster.js';
import { customerSiteInput } from '../gateway/flow-fixtures.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Runs `wix-account-graph <args>` (the real CLI through tsx) with `env`; resolves with its stdout. */
async function cli(args: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`wix-account-graph ${args.join(' ')} exited ${code}: ${out}`);
  return out;
}

const AUDIT = `query Audit($first: Int!) { auditEvents(first: $first) { nodes { endpoint operationId callerName } } }`;

/**
 * Tokens and the audit trail shared through PostgreSQL: a token made by the CLI with DATABASE_URL works on every
 * instance and, revoked, is refused by every instance at its next request; a write made through one instance is on
 * the trail another one serves. An instance stopped with SIGTERM closes its stores and exits 0.
 */
describe('two gateways with AUTH=tokens on PostgreSQL', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await Cluster.start({ instances: 2, env: { AUTH: 'tokens' } });
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('shares tokens and the audit trail between instances', async () => {
    const env = { DATABASE_URL: cluster.database?.url as string };
    const created = await cli(
      ['token', 'create', '--name', 'cluster-ci', '--accounts', 'all', '--scopes', 'read,write,purchase,admin'],
      env,
    );
    const token = created.trim().split('\n').at(-1) as string;
    expect(token).toMatch(/^wag_/);
    const auth = { authorization: `Bearer ${token}` };
    const [a, b] = [cluster.at(0), cluster.at(1)];
    for (const instance of [a, b]) {
      const answer = await instance.request(ViewerIdDocument, {}, auth);
      expect(answer.body.data?.viewer.wixId).toBe(cluster.sandbox.seed.mainAccountId);
    }

    const input = await customerSiteInput(cluster.sandbox, `cluster-audit-${Date.now()}`);
    const started = await a.request(FlowSetUpCustomerSiteDocument, { input }, auth);
    const id = started.body.data?.setUpCustomerSite.operation?.id as string;
    expect(id).toBeTruthy();
    let events: Array<{ endpoint: string; operationId: string | null; callerName: string }> = [];
    for (let i = 0; i < 100 && !events.some((e) => e.operationId === id); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const page = await b.request<{ auditEvents: { nodes: typeof events } }>(AUDIT, { first: 50 }, auth);
      events = page.body.data?.auditEvents.nodes ?? [];
    }
    expect(events).toContainEqual({ endpoint: 'Transfer Site', operationId: id, callerName: 'cluster-ci' });

    const tokenId = /^wag_([0-9a-f]{16})_/.exec(token)?.[1] as string;
    await cli(['token', 'revoke', tokenId], env);
    for (const instance of [a, b]) {
      const refused = await instance.request(ViewerIdDocument, {}, auth);
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }

    // A clean shutdown lets go of the pool (both stores on it) and exits 0.
    await cluster.signal(1, 'SIGTERM');
    expect(b.process.child.exitCode).toBe(0);
    expect(b.log).not.toMatch(/Shutdown failed/);
  }, 120_000);
});
