import { randomUUID } from 'node:crypto';
import { type ClockMode, VirtualClock } from './clock.js';
import { SeededRandom } from './random.js';
import { MANUAL_SETTINGS, REAL_TIME_SETTINGS, type SandboxSettings } from './settings.js';
import type {
  Account,
  CatalogProduct,
  ConnectedDomain,
  DnsZone,
  Folder,
  Package,
  ProductInstance,
  RegisteredDomain,
  Site,
} from './types.js';

/** A task the virtual clock runs once its time has come (an asynchronous Wix transition). */
interface ScheduledTask {
  dueAt: number;
  seq: number;
  run: () => void;
}

/** What an idempotent write answered the first time, keyed by (account, operation, idempotencyKey). */
export interface IdempotentAnswer {
  fingerprint: string;
  response: unknown;
}

/**
 * All in-memory state of the sandbox: one Wix "world" with a main account, its sub-accounts, their sites and paid
 * services, domains and DNS zones, plus the clock and scheduler that drive asynchronous transitions.
 */
export class World {
  /**
   * This world's identity: new at every start and every reset (never derived from the seed), sent on every answer as
   * `x-sandbox-world-id`, so a client can tell that what it did in an earlier world is gone.
   */
  readonly id = randomUUID();
  readonly clock: VirtualClock;
  readonly rng: SeededRandom;
  settings: SandboxSettings;

  readonly apiKeys = new Map<string, string>(); // key → account ID it belongs to
  readonly accounts = new Map<string, Account>();
  readonly sites = new Map<string, Site>();
  readonly catalog = new Map<string, CatalogProduct>();
  readonly packages = new Map<string, Package>();
  /** instanceId → package ID, kept in step with `packages`. */
  readonly instanceIndex = new Map<string, string>();
  /** Instances already used once as `referenceProductInstanceId`. */
  readonly usedReferences = new Set<string>();
  /** instanceId → virtual time it became ENABLED (for AWAITING_PRODUCT_ACTIVATION). */
  readonly enabledAt = new Map<string, number>();
  readonly registeredDomains = new Map<string, RegisteredDomain>();
  /** registered domain → owning account. */
  readonly registeredOwner = new Map<string, string>();
  readonly connectedDomains = new Map<string, ConnectedDomain>();
  /** connected domain → owning account. */
  readonly connectedOwner = new Map<string, string>();
  readonly dnsZones = new Map<string, DnsZone>();
  /** Site folders (CONTRACT §13), by ID. */
  readonly folders = new Map<string, Folder>();
  /** Domains registered at other registrars (taken, so connectable but not registrable), with their registrar. */
  readonly externalDomains = new Map<string, { registrar: string; nameServers: string[] }>();
  readonly idempotency = new Map<string, IdempotentAnswer>();

  mainAccountId = '';
  mainApiKey = '';
  private tasks: ScheduledTask[] = [];
  private taskSeq = 0;
  /** Accumulators for deterministic shares (see SandboxSettings). */
  readonly shareAccumulators = new Map<string, number>();

  constructor(
    readonly seed: number,
    clockMode: ClockMode,
  ) {
    this.clock = new VirtualClock(clockMode);
    this.rng = new SeededRandom(seed);
    this.settings = { ...(clockMode === 'manual' ? MANUAL_SETTINGS : REAL_TIME_SETTINGS) };
  }

  now(): string {
    return this.clock.iso();
  }

  /** The account's parent, or undefined for a root account. */
  parentOf(accountId: string): string | undefined {
    return this.accounts.get(accountId)?.accountProperties.parentAccountId;
  }

  /** The top of the account's tree (itself when it has no parent). */
  rootOf(accountId: string): string {
    let current = accountId;
    for (let guard = 0; guard < 16; guard++) {
      const parent = this.parentOf(current);
      if (!parent) return current;
      current = parent;
    }
    return current;
  }

  /** True when `accountId` is `rootId` or one of its descendants. */
  inTree(rootId: string, accountId: string): boolean {
    return this.accounts.has(accountId) && this.rootOf(accountId) === rootId;
  }

  childrenOf(accountId: string): Account[] {
    return [...this.accounts.values()].filter((a) => a.accountProperties.parentAccountId === accountId);
  }

  /** Finds an instance and the package that holds it. */
  findInstance(instanceId: string): { pkg: Package; instance: ProductInstance } | undefined {
    const pkgId = this.instanceIndex.get(instanceId);
    const pkg = pkgId ? this.packages.get(pkgId) : undefined;
    const instance = pkg?.productInstances.find((i) => i.instanceId === instanceId);
    return pkg && instance ? { pkg, instance } : undefined;
  }

  /** Stores a package and indexes its instances. */
  putPackage(pkg: Package): void {
    this.packages.set(pkg.id, pkg);
    for (const instance of pkg.productInstances) this.instanceIndex.set(instance.instanceId, pkg.id);
  }

  /** Every instance assigned to the site, with its package. */
  instancesOfSite(siteId: string): Array<{ pkg: Package; instance: ProductInstance }> {
    const found: Array<{ pkg: Package; instance: ProductInstance }> = [];
    for (const pkg of this.packages.values())
      for (const instance of pkg.productInstances) if (instance.siteId === siteId) found.push({ pkg, instance });
    return found;
  }

  /**
   * Deterministic share: returns true for `share` of the calls with this key (0.25 → every fourth call).
   */
  takeShare(key: string, share: number): boolean {
    if (share <= 0) return false;
    const acc = (this.shareAccumulators.get(key) ?? 0) + share;
    const fire = acc >= 1 - 1e-9;
    this.shareAccumulators.set(key, fire ? acc - 1 : acc);
    return fire;
  }

  /** Runs `run` once the virtual clock reaches now + delayMs. */
  schedule(delayMs: number, run: () => void): void {
    const task = { dueAt: this.clock.now() + delayMs, seq: ++this.taskSeq, run };
    const at = this.tasks.findIndex((t) => t.dueAt > task.dueAt);
    if (at === -1) this.tasks.push(task);
    else this.tasks.splice(at, 0, task);
  }

  /** Applies every transition that is due. Called before each request, so state is never stale. */
  tick(): number {
    let ran = 0;
    while (this.tasks.length > 0 && (this.tasks[0]?.dueAt ?? Infinity) <= this.clock.now()) {
      const task = this.tasks.shift();
      task?.run();
      ran++;
    }
    return ran;
  }

  pendingTasks(): number {
    return this.tasks.length;
  }
}
