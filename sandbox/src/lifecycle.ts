import type { ConnectedDomain, InstanceStatus, Package, ProductInstance } from './types.js';
import type { World } from './world.js';

/**
 * Product-instance lifecycle (CONTRACT §1.3) and the cascades Wix documents when a Premium plan leaves a site.
 *
 * Clock: a new instance is PENDING; after `settings.instanceActivationMs` it becomes ENABLED, or — by deterministic
 * share — FAILED (failure EXTERNAL_FAILURE) or AWAITING_ACTION (then ENABLED after another activation delay).
 * A task only moves an instance that is still in the status it expects, so a cancelled instance is never resurrected.
 */

/** Statuses of an instance that still holds its product (used by the per-site and per-account rules). */
export const LIVE_STATUSES: readonly InstanceStatus[] = ['PENDING', 'ENABLED', 'AWAITING_ACTION'];

/** True unless the instance is CANCELED or FAILED. */
export function isLive(instance: ProductInstance): boolean {
  return LIVE_STATUSES.includes(instance.status);
}

/** Share keys of {@link World.takeShare}: one accumulator per outcome. */
const FAILURE_SHARE_KEY = 'instance-activation-failure';
const AWAITING_SHARE_KEY = 'instance-activation-awaiting-action';

/** Schedules the PENDING → ENABLED | FAILED | AWAITING_ACTION transition of a new instance. */
export function scheduleActivation(world: World, instanceId: string): void {
  world.schedule(world.settings.instanceActivationMs, () => settle(world, instanceId));
}

/**
 * Schedules the activation of an instance the seed left PENDING or AWAITING_ACTION, with the same delay as a new one.
 * The seed fixes its outcome (ENABLED): it does not draw on the failure / awaiting-action shares, so that seeded
 * instances never shift which new instance a configured share picks.
 */
export function scheduleSeededActivation(world: World, instanceId: string): void {
  world.schedule(world.settings.instanceActivationMs, () => {
    const found = world.findInstance(instanceId);
    if (found && (found.instance.status === 'PENDING' || found.instance.status === 'AWAITING_ACTION'))
      enable(world, found.pkg, found.instance);
  });
}

function settle(world: World, instanceId: string): void {
  const found = world.findInstance(instanceId);
  if (!found) return;
  const { pkg, instance } = found;
  if (instance.status === 'AWAITING_ACTION') {
    enable(world, pkg, instance);
    return;
  }
  // CANCELED, FAILED or already ENABLED: nothing to do (a cancel wins over a pending activation).
  if (instance.status !== 'PENDING') return;
  if (world.takeShare(FAILURE_SHARE_KEY, world.settings.instanceFailureShare)) {
    setStatus(world, pkg, instance, 'FAILED');
    instance.failure = { code: 'EXTERNAL_FAILURE', message: 'An external process failed while delivering the product' };
    if (instance.siteId) refreshPremium(world, instance.siteId);
  } else if (world.takeShare(AWAITING_SHARE_KEY, world.settings.instanceAwaitingActionShare)) {
    setStatus(world, pkg, instance, 'AWAITING_ACTION');
    scheduleActivation(world, instanceId);
  } else {
    enable(world, pkg, instance);
  }
}

function enable(world: World, pkg: Package, instance: ProductInstance): void {
  setStatus(world, pkg, instance, 'ENABLED');
  world.enabledAt.set(instance.instanceId, world.clock.now());
  if (instance.siteId) refreshPremium(world, instance.siteId);
}

function setStatus(world: World, pkg: Package, instance: ProductInstance, status: InstanceStatus): void {
  instance.status = status;
  touch(world, pkg, instance);
}

/** Stamps `updatedDate` on the instance (when given) and on its package. */
export function touch(world: World, pkg: Package, instance?: ProductInstance): void {
  const now = world.now();
  if (instance) instance.updatedDate = now;
  pkg.updatedDate = now;
}

/** True when the product is a Premium plan. */
export function isPremiumPlan(world: World, catalogProductId: string): boolean {
  return world.catalog.get(catalogProductId)?.type === 'PREMIUM_PLAN';
}

/**
 * Cancels one instance (CANCELED at once — sandbox choice: Wix's examples still show PENDING). A FAILED instance
 * stays FAILED (it never delivered anything); an already CANCELED one is left alone. Runs the Premium cascade.
 */
export function cancelInstance(world: World, pkg: Package, instance: ProductInstance): void {
  if (instance.status === 'CANCELED' || instance.status === 'FAILED') return;
  setStatus(world, pkg, instance, 'CANCELED');
  if (instance.siteId && isPremiumPlan(world, instance.catalogProductId)) planLeftSite(world, instance.siteId);
}

/** True when a live (not CANCELED/FAILED) Premium plan instance is assigned to the site. */
export function hasLivePlan(world: World, siteId: string): boolean {
  return world
    .instancesOfSite(siteId)
    .some(({ instance }) => isLive(instance) && isPremiumPlan(world, instance.catalogProductId));
}

/**
 * A Premium plan was cancelled on, unassigned from or moved away from the site: recompute `premium` and, when the
 * site has no live plan left, disconnect its connected domains (Wix: "canceling a Premium plan disconnects a
 * connected domain") exactly as Delete Connected Domain does, Wix DNS zone of a NAMESERVERS connection included.
 * Registered domains and their zones are separate products and stay.
 */
export function planLeftSite(world: World, siteId: string): void {
  refreshPremium(world, siteId);
  if (hasLivePlan(world, siteId)) return;
  for (const connected of [...world.connectedDomains.values()])
    if (connected.siteInfo.id === siteId) disconnectDomain(world, connected);
}

/**
 * Removes a connection (Delete Connected Domain and the Premium cascade): the connection, its owner, the Wix DNS zone
 * a NAMESERVERS connection brought (CONTRACT §7.5: "removes … its DNS records"), and the site's connected flag when
 * nothing else keeps it.
 */
export function disconnectDomain(world: World, connected: ConnectedDomain): void {
  world.connectedDomains.delete(connected.id);
  world.connectedOwner.delete(connected.id);
  if (connected.connectionType === 'NAMESERVERS') world.dnsZones.delete(connected.id);
  if (connected.siteInfo.id) refreshDomainConnected(world, connected.siteInfo.id);
}

/** Recomputes `site.premium`: true while an ENABLED Premium plan instance is assigned to the site. */
export function refreshPremium(world: World, siteId: string): void {
  const site = world.sites.get(siteId);
  if (!site) return;
  site.premium = world
    .instancesOfSite(siteId)
    .some(({ instance }) => instance.status === 'ENABLED' && isPremiumPlan(world, instance.catalogProductId));
}

/** `site.domainConnected`: a connected domain with completed propagation, or an ACTIVE registered domain, on the site. */
export function refreshDomainConnected(world: World, siteId: string): void {
  const site = world.sites.get(siteId);
  if (!site) return;
  const connected = [...world.connectedDomains.values()].some(
    (d) => d.siteInfo.id === siteId && d.dnsPropagationStatus === 'COMPLETED',
  );
  const registered = [...world.registeredDomains.values()].some(
    (d) => d.siteInfo?.id === siteId && d.status === 'ACTIVE',
  );
  site.domainConnected = connected || registered;
}
