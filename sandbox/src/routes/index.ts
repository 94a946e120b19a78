import type { RouteDef } from '../router.js';
import { accountRoutes } from './accounts.js';
import { connectedDomainRoutes } from './connected-domains.js';
import { dnsPropagationRoutes } from './dns-propagation.js';
import { dnsZoneRoutes } from './dns-zones.js';
import { domainAssignmentRoutes } from './domain-assignments.js';
import { domainSearchRoutes } from './domain-search.js';
import { registeredDomainRoutes } from './registered-domains.js';
import { resellerRoutes } from './resellers.js';
import { siteActionRoutes } from './site-actions.js';
import { siteFolderRoutes } from './site-folders.js';
import { siteRoutes } from './sites.js';
import { transferRoutes } from './transfer.js';

/**
 * Every Wix endpoint the sandbox implements, in match order (static paths before parameterised ones). The OpenAPI
 * document and the fault targets are derived from this list.
 */
export function allRoutes(): RouteDef[] {
  return [
    ...siteRoutes,
    ...resellerRoutes,
    ...transferRoutes,
    ...siteActionRoutes,
    ...accountRoutes,
    ...domainSearchRoutes,
    ...registeredDomainRoutes,
    ...connectedDomainRoutes,
    ...dnsZoneRoutes,
    ...siteFolderRoutes,
    ...domainAssignmentRoutes,
    ...dnsPropagationRoutes,
  ];
}
