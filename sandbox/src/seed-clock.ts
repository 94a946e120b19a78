import { scheduleSeededActivation } from './lifecycle.js';
import { schedulePropagation } from './routes/connected-domains.js';
import { scheduleRegisteredPropagation, scheduleRegistration } from './routes/registered-domains.js';
import { registrationYears } from './routes/registered-rules.js';
import type { RegisteredDomain } from './types.js';
import type { World } from './world.js';

/**
 * The seed's unfinished asynchronous states move on the virtual clock like new ones, with the same settings-based
 * delays counted from seed time (a reset starts them again): otherwise a user watching a seeded PENDING instance or
 * IN_PROGRESS connection in real-time mode would wait forever.
 *
 * - instances PENDING / AWAITING_ACTION → ENABLED after `instanceActivationMs` (the seed fixes the outcome: no share);
 * - connected domains UNKNOWN_DNS_PROPAGATION_STATUS → IN_PROGRESS → COMPLETED, IN_PROGRESS → COMPLETED;
 * - registered domains PENDING_REGISTRATION → ACTIVE (or FAILED_REGISTRATION, by the registrar's contact rule), and an
 *   ACTIVE one whose DNS is IN_PROGRESS → COMPLETED.
 * Final states stay as seeded: ENABLED, FAILED, CANCELED, ACTIVE + COMPLETED, FAILED_REGISTRATION.
 */
export function scheduleSeededTransitions(world: World): void {
  for (const pkg of world.packages.values())
    for (const instance of pkg.productInstances)
      if (instance.status === 'PENDING' || instance.status === 'AWAITING_ACTION')
        scheduleSeededActivation(world, instance.instanceId);
  for (const cd of world.connectedDomains.values()) schedulePropagation(world, cd);
  for (const rd of world.registeredDomains.values()) resumeRegistration(world, rd);
}

/** Schedules what is left of a seeded registration (nothing for a final one). */
export function resumeRegistration(world: World, rd: RegisteredDomain): void {
  if (rd.status === 'ACTIVE' && rd.dnsPropagationStatus === 'IN_PROGRESS') scheduleRegisteredPropagation(world, rd);
  if (rd.status !== 'PENDING_REGISTRATION') return;
  const instance = world.findInstance(rd.productInstanceId)?.instance;
  const product = instance ? world.catalog.get(instance.catalogProductId) : undefined;
  const years = (instance && registrationYears(instance, product?.cycles[0])) ?? 1;
  const siteId = rd.siteInfo?.id;
  scheduleRegistration(world, rd, { years, ...(siteId ? { siteId } : {}) });
}
