import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MANUAL_EPOCH } from '../src/clock.js';
import { startSandbox } from '../src/server.js';
import { MANUAL_SETTINGS } from '../src/settings.js';
import { TestSandbox } from './helpers/test-sandbox.js';
import { rawCall, violatedFields } from './helpers/sandbox-admin.js';

interface ClockState {
  mode: string;
  now: string;
  pendingTransitions: number;
  transitions?: number;
}

describe('sandbox: virtual clock and settings', () => {
  let sb: TestSandbox;
  const clock = () => sb.admin<ClockState>('GET', 'clock');
  const advance = (ms: number) => sb.admin<ClockState>('POST', 'clock/advance', { ms });

  beforeAll(async () => {
    sb = await TestSandbox.start();
  });
  afterAll(async () => sb.close());
  beforeEach(async () => sb.reset());

  it('starts a manual clock at its fixed epoch and keeps it still until advanced', async () => {
    const first = await clock();
    expect(first).toMatchObject({ mode: 'manual', now: new Date(MANUAL_EPOCH).toISOString() });
    expect(Number.isInteger(first.pendingTransitions)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await clock()).now).toBe(first.now);
  });

  it('advances by ms, and the call log is stamped with virtual time', async () => {
    const after = await advance(90 * 60_000);
    expect(after.now).toBe(new Date(MANUAL_EPOCH + 90 * 60_000).toISOString());
    expect((await clock()).now).toBe(after.now);
    await advance(0);
    expect((await clock()).now).toBe(after.now);
    await sb.clearCalls();
    await sb.call('POST', '/site-list/v2/sites/count', { body: {} });
    const [call] = await sb.calls('countSites');
    expect(call?.time).toBe(after.now);
  });

  it('runs scheduled transitions exactly when the clock passes their time', async () => {
    const world = sb.sandbox.world;
    const ran: string[] = [];
    const before = (await clock()).pendingTransitions;
    world.schedule(1_000, () => ran.push('one second'));
    world.schedule(5_000, () => ran.push('five seconds'));
    expect((await clock()).pendingTransitions).toBe(before + 2);
    const first = await advance(999);
    expect(ran).toEqual([]);
    expect(first.transitions).toBe(0);
    const second = await advance(1);
    expect(ran).toEqual(['one second']);
    expect(second.transitions).toBeGreaterThanOrEqual(1);
    await advance(4_000);
    expect(ran).toEqual(['one second', 'five seconds']);
    expect((await clock()).pendingTransitions).toBeLessThanOrEqual(before);
  });

  it('runs due transitions before serving a Wix call, not only on advance', async () => {
    const world = sb.sandbox.world;
    const siteId = sb.seed.siteIds[2] as string;
    world.schedule(1_000, () => {
      const site = world.sites.get(siteId);
      if (site) site.displayName = 'Renamed By A Transition';
    });
    world.clock.advance(1_000); // moved without the admin route: the next request must still see the change
    const res = await sb.call('POST', '/site-list/v2/sites/query', { body: { query: { filter: { id: siteId } } } });
    expect(res.body.sites[0].displayName).toBe('Renamed By A Transition');
  });

  it('refuses bad advance input', async () => {
    for (const body of [{}, { ms: -1 }, { ms: '1000' }, { ms: null }, { ms: true }]) {
      const res = await rawCall(sb, 'POST', '/_sandbox/clock/advance', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(violatedFields(res.body)).toEqual(['ms']);
    }
    const infinite = await rawCall(sb, 'POST', '/_sandbox/clock/advance', '{"ms": 1e400}');
    expect(infinite.status).toBe(400);
    const notJson = await rawCall(sb, 'POST', '/_sandbox/clock/advance', 'ms=1000');
    expect(notJson.status).toBe(400);
    expect((await clock()).now).toBe(new Date(MANUAL_EPOCH).toISOString());
  });

  it('follows wall time in real mode, and can still be advanced', async () => {
    const real = await startSandbox({ clock: 'real' });
    try {
      const get = async () => (await (await fetch(`${real.url}/_sandbox/clock`)).json()) as ClockState;
      const state = await get();
      expect(state.mode).toBe('real');
      expect(Math.abs(Date.parse(state.now) - Date.now())).toBeLessThan(5_000);
      const res = await fetch(`${real.url}/_sandbox/clock/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ms: 3_600_000 }),
      });
      const advanced = (await res.json()) as ClockState;
      expect(Date.parse(advanced.now) - Date.now()).toBeGreaterThan(3_590_000);
    } finally {
      await real.close();
    }
  });

  it('reads and changes settings, refusing bad values without applying any', async () => {
    const initial = await sb.admin<{ settings: Record<string, number> }>('GET', 'settings');
    expect(initial.settings).toEqual(MANUAL_SETTINGS);
    const changed = await sb.admin<{ settings: Record<string, number> }>('POST', 'settings', {
      registrationMs: 5_000,
      instanceFailureShare: 0.25,
    });
    expect(changed.settings).toEqual({ ...MANUAL_SETTINGS, registrationMs: 5_000, instanceFailureShare: 0.25 });

    const bad = await rawCall(sb, 'POST', '/_sandbox/settings', {
      propagationMs: -1,
      instanceFailureShare: 2,
      warpFactor: 9,
      registrationMs: 'soon',
    });
    expect(bad.status).toBe(400);
    expect(violatedFields(bad.body).sort()).toEqual([
      'instanceFailureShare',
      'propagationMs',
      'registrationMs',
      'warpFactor',
    ]);
    const mixed = await rawCall(sb, 'POST', '/_sandbox/settings', {
      propagationMs: 1,
      instanceAwaitingActionShare: 1.5,
    });
    expect(mixed.status).toBe(400);
    expect((await sb.admin<{ settings: Record<string, number> }>('GET', 'settings')).settings).toEqual(
      changed.settings,
    );

    await sb.reset();
    expect((await sb.admin<{ settings: Record<string, number> }>('GET', 'settings')).settings).toEqual(MANUAL_SETTINGS);
  });
});
