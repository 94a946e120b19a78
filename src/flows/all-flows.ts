import { connectDomainFlow } from './connect-domain.js';
import { purchaseDomainFlow } from './purchase-domain.js';
import { reassignPaidServiceFlow } from './reassign-paid-service.js';
import type { Flow } from './flow-deps.js';
import { setUpCustomerSiteFlow } from './set-up-customer-site.js';

/** Every flow the gateway runs (one file per flow in this folder). */
export const FLOWS: Flow[] = [setUpCustomerSiteFlow, reassignPaidServiceFlow, purchaseDomainFlow, connectDomainFlow];
