import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleGateway, type GatewayBundle } from '../../scripts/bundle-gateway.js';
import {
  DomainSuggestionsDocument,
  FlowOperationUpdatedDocument,
  type FlowOperationUpdatedSubscription,
} from '../gql/graphql.js';
import { Cluster } from '../helpers/cluster.js';
import { OtlpReceiver } from '../helpers/otlp-receiver.js';
import { dropPrefix, randomPrefix, REDIS_URL } from '../helpers/redis-cluster.js';
import { TestSubscription, wsClient } from '../helpers/ws.js';
import { purchaseTenTimes, until } from './cluster/scenarios.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Under the package root (git-ignored), as dist/ is: the bundle finds catalog/ and node_modules/ above it.
const dir = join(root, '.test-build', randomUUID().slice(0, 8));

/**
 * Issue 18: `npm start` runs the esbuild bundle of the compiled gateway (scripts/bundle-gateway.ts), not tsc's
 * modules. The bundle is built here as `npm run build` builds it (tsc, then esbuild), and run as production runs it,
 * with everything that loads only when configured switched on: PostgreSQL, Redis, metrics, tracing, pretty logs.
 */
describe('the bundled gateway (npm start)', () => {
  let bundle: GatewayBundle;
  let cluster: Cluster;
  const prefix = randomPrefix();
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    // --noCheck: the typecheck is CI's own step; this needs tsc's output only (decorators and their metadata).
    await promisify(execFile)(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noCheck', '--outDir', join(dir, 'tsc')],
      { cwd: root },
    );
    bundle = await bundleGateway(join(dir, 'tsc', 'src', 'main.js'), join(dir, 'gateway'));
    receiver = await OtlpReceiver.start();
    cluster = await Cluster.start({
      instances: 2,
      entry: bundle.entry,
      env: {
        REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        METRICS_PORT: '0',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.url,
        LOG_FORMAT: 'pretty',
        LOG_LEVEL: 'info',
      },
    });
  }, 240_000);
  afterAll(async () => {
    await cluster?.stop();
    await Promise.all([dropPrefix(REDIS_URL, prefix), receiver?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a few files with source maps, and refers to no __dirname (the build checks it)', () => {
    const files = readdirSync(bundle.outDir);
    expect(files).toContain('main.js');
    expect(files).toContain('main.js.map');
    expect(files.filter((f) => f.endsWith('.js')).length).toBeLessThan(60);
    expect(existsSync(join(bundle.outDir, 'main.js'))).toBe(true);
  });

  it('two instances run a purchase flow to its end over PostgreSQL and Redis (ten identical requests buy once); a subscription tells its end', async () => {
    const { id } = await purchaseTenTimes(cluster, 'bundle');
    // Over WebSocket (graphql-ws on ws, bundled too): the finished operation's state.
    const client = wsClient(cluster.at(1).baseUrl, { token: null });
    try {
      const sub = new TestSubscription<FlowOperationUpdatedSubscription>(client, FlowOperationUpdatedDocument, { id });
      expect((await sub.data(10_000)).operationUpdated.status).toBe('SUCCEEDED');
    } finally {
      await client.dispose();
    }
  });

  it('refuses bad input field by field before any upstream call', async () => {
    await cluster.sandbox.clearCalls();
    const res = await cluster.at(0).request(DomainSuggestionsDocument, { query: 'cozy', first: 21 });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.extensions?.fields[0]?.field).toBe('first');
    expect(await cluster.sandbox.calls()).toHaveLength(0);
  });

  it('serves metrics, exports traces and writes pretty log lines (the parts loaded only when configured)', async () => {
    expect(await cluster.at(0).metric('wag_operations_running')).toBe(0);
    await until(
      async () => receiver.spans.length,
      (n) => n > 0,
      'spans at the OTLP receiver',
    );
    expect(receiver.services.has('wix-account-graph')).toBe(true);
    // pino-pretty (in pino's worker thread): "[HH:MM:ss.l] INFO (…): …", not JSON lines.
    expect(cluster.at(0).log).toMatch(/\[\d\d:\d\d:\d\d\.\d{3}\] INFO/);
    expect(cluster.at(0).log).not.toMatch(/^\{"level"/m);
  });
});
