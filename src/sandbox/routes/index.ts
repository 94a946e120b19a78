import type { RouteDef } from '../router.js';
import { siteRoutes } from './sites.js';

/**
 * Every Wix endpoint the sandbox implements, in match order (static paths before parameterised ones). The OpenAPI
 * document and the fault targets are derived from this list.
 */
export function allRoutes(): RouteDef[] {
  return [...siteRoutes];
}
