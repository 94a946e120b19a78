import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ClockMode } from './clock.js';
import { scheduleActivation } from './lifecycle.js';
import { schedulePropagation } from './routes/connected-domains.js';
import { scheduleRegisteredPropagation, scheduleRegistration } from './routes/registered-domains.js';
import { World } from './world.js';

/**
 * Optional persistence of the standalone sandbox (`SANDBOX_STATE_FILE`): the world is written to one JSON file —
 * atomically (a temporary file renamed over the old one), at most once per {@link StateFile.minIntervalMs} after a
 * change — and read back at start, so partners who test against the sandbox for days keep their accounts, sites and
 * domains across restarts. A world's identity (`x-sandbox-world-id`) is new at every start, as ever.
 * Transitions still pending when the world was saved (activation, registration, DNS propagation) start again from
 * the restart: their closures cannot be saved, their state can.
 */
const FORMAT = 'wix-sandbox-world';
const VERSION = 1;

/** The World's collections, saved as entry lists. */
const MAPS = [
  'apiKeys',
  'accounts',
  'sites',
  'catalog',
  'packages',
  'instanceIndex',
  'enabledAt',
  'registeredDomains',
  'registeredOwner',
  'connectedDomains',
  'connectedOwner',
  'dnsZones',
  'folders',
  'externalDomains',
  'idempotency',
  'shareAccumulators',
] as const;

interface SavedWorld {
  format: typeof FORMAT;
  version: number;
  seed: number;
  mainAccountId: string;
  mainApiKey: string;
  settings: World['settings'];
  rng: number;
  now: number;
  usedReferences: string[];
  maps: Record<(typeof MAPS)[number], Array<[string, unknown]>>;
}

/** The world as the text of a state file. */
export function saveWorld(world: World): string {
  const saved: SavedWorld = {
    format: FORMAT,
    version: VERSION,
    seed: world.seed,
    mainAccountId: world.mainAccountId,
    mainApiKey: world.mainApiKey,
    settings: world.settings,
    rng: world.rng.position,
    now: world.clock.now(),
    usedReferences: [...world.usedReferences],
    maps: Object.fromEntries(
      MAPS.map((name) => [name, [...(world[name] as Map<string, unknown>).entries()]]),
    ) as SavedWorld['maps'],
  };
  return JSON.stringify(saved);
}

/** A world from the text of a state file; throws an Error saying what is wrong with it. */
export function loadWorld(text: string, clockMode: ClockMode): World {
  let saved: SavedWorld;
  try {
    saved = JSON.parse(text) as SavedWorld;
  } catch {
    throw new Error('it is not JSON');
  }
  if (saved?.format !== FORMAT) throw new Error('it is not a sandbox world');
  if (saved.version !== VERSION)
    throw new Error(`it is version ${String(saved.version)}, this sandbox reads ${VERSION}`);
  for (const name of MAPS) if (!Array.isArray(saved.maps?.[name])) throw new Error(`its "${name}" is missing`);
  const world = new World(saved.seed, clockMode);
  world.mainAccountId = saved.mainAccountId;
  world.mainApiKey = saved.mainApiKey;
  world.settings = { ...world.settings, ...saved.settings };
  world.rng.position = saved.rng;
  world.clock.resumeAt(saved.now);
  for (const id of saved.usedReferences ?? []) world.usedReferences.add(id);
  for (const name of MAPS) {
    const map = world[name] as Map<string, unknown>;
    for (const [key, value] of saved.maps[name]) map.set(key, value);
  }
  resumeTransitions(world);
  return world;
}

/** Schedules again, from now, what was in flight when the world was saved. */
function resumeTransitions(world: World): void {
  for (const pkg of world.packages.values())
    for (const instance of pkg.productInstances)
      if (instance.status === 'PENDING') scheduleActivation(world, instance.instanceId);
  for (const rd of world.registeredDomains.values()) {
    if (rd.status === 'PENDING_REGISTRATION') scheduleRegistration(world, rd, { years: 1, siteId: rd.siteInfo?.id });
    else if (rd.status === 'ACTIVE' && rd.dnsPropagationStatus === 'IN_PROGRESS')
      scheduleRegisteredPropagation(world, rd);
  }
  for (const cd of world.connectedDomains.values())
    if (cd.dnsPropagationStatus === 'IN_PROGRESS') schedulePropagation(world, cd);
}

/** The state file of one sandbox: loads it at start, saves changes with a bounded frequency. */
export class StateFile {
  private timer: NodeJS.Timeout | undefined;
  private lastSave = 0;
  private failed = false;

  constructor(
    readonly path: string,
    private readonly world: () => World,
    readonly minIntervalMs = 1000,
  ) {}

  /** The saved world, or undefined when the file does not exist yet; a file that cannot be read throws one line. */
  load(clockMode: ClockMode): World | undefined {
    if (!existsSync(this.path)) return undefined;
    try {
      return loadWorld(readFileSync(this.path, 'utf8'), clockMode);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `SANDBOX_STATE_FILE ${this.path} cannot be read: ${reason}. Move it away (or delete it) to start a fresh world.`,
      );
    }
  }

  /** The world changed: save it once the interval since the last save has passed. */
  changed(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastSave + this.minIntervalMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref();
  }

  /** Saves now if a change is waiting (at close). */
  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.save();
  }

  /** Writes a temporary file beside the state file, then renames it over it: a reader never sees half a world. */
  save(): boolean {
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, saveWorld(this.world()), { mode: 0o600 });
      renameSync(temp, this.path);
      this.lastSave = Date.now();
      this.failed = false;
      return true;
    } catch (error) {
      if (!this.failed)
        console.error(`sandbox: cannot write SANDBOX_STATE_FILE ${this.path}: ${(error as Error).message}`);
      this.failed = true;
      return false;
    }
  }
}
