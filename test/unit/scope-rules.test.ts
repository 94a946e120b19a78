import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { scopeRuleOf } from '../../src/auth/field-scopes.js';
import { buildGatewaySchema } from '../../src/schema.js';

/**
 * Every root field declares the scope it needs (@RequiresScope, src/auth/field-scopes.ts). This is the table the
 * README's scope table is written from; a new root field without a rule fails here, and a changed rule shows as a
 * diff of the table.
 */
const EXPECTED: Record<string, string> = {
  'Query.account': 'read',
  'Query.auditEvents': 'admin',
  'Query.upstreamBudget': 'admin',
  'Query.connectedDomain': 'read',
  'Query.dnsZone': 'read',
  'Query.domainAvailability': 'read',
  'Query.domainSuggestions': 'read',
  'Query.node': 'read',
  'Query.nodes': 'read',
  'Query.operation': 'read',
  'Query.package': 'read',
  'Query.packages': 'read',
  'Query.productInstance': 'read',
  'Query.registeredDomain': 'read',
  'Query.site': 'read',
  'Query.sites': 'read',
  'Query.viewer': 'read',
  'Mutation.assignDomain': 'write',
  'Mutation.setPrimaryDomain': 'write',
  'Mutation.unassignDomain': 'write',
  'Mutation.createFolder': 'write',
  'Mutation.updateFolder': 'write',
  'Mutation.deleteFolder': 'write',
  'Mutation.moveSitesToFolder': 'write',
  'Mutation.publishSite': 'write',
  'Mutation.unpublishSite': 'write',
  'Mutation.adjustProductInstance': 'purchase',
  'Mutation.assignProductInstance': 'write',
  'Mutation.cancelOperation': 'write',
  'Mutation.cancelPackage': 'purchase',
  'Mutation.cancelProductInstance': 'purchase',
  'Mutation.connectDomain': 'write (dry run: read; with premiumPlan: +purchase)',
  'Mutation.createConnectedDomain': 'write',
  'Mutation.createPackage': 'purchase',
  'Mutation.createSubAccount': 'write',
  'Mutation.deleteConnectedDomain': 'write',
  'Mutation.purchaseDomain': 'purchase (dry run: read)',
  'Mutation.reassignPaidService': 'write (dry run: read)',
  'Mutation.reassignProductInstance': 'write',
  'Mutation.registerDomain': 'purchase',
  'Mutation.setUpCustomerSite': 'purchase (dry run: read)',
  'Mutation.transferSite': 'write',
  'Mutation.unassignProductInstance': 'write',
  'Mutation.updateDnsZone': 'write',
  'Mutation.updatePackageExternalId': 'write',
  'Subscription.connectedDomainUpdated': 'read',
  'Subscription.operationUpdated': 'read',
  'Subscription.productInstanceUpdated': 'read',
  'Subscription.registeredDomainUpdated': 'read',
};

describe('field scopes', () => {
  it('lists every root field with the scope it needs, and no root field is without a rule', async () => {
    const schema = await buildGatewaySchema();
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
    const table: Record<string, string> = {};
    const missing: string[] = [];
    for (const root of roots as GraphQLObjectType[]) {
      for (const field of Object.values(root.getFields())) {
        const rule = scopeRuleOf(field);
        if (!rule) {
          missing.push(`${root.name}.${field.name}`);
          continue;
        }
        const notes = [
          rule.dryRun ? `dry run: ${rule.dryRun}` : undefined,
          rule.paidWhen ? 'with premiumPlan: +purchase' : undefined,
        ].filter(Boolean);
        table[`${root.name}.${field.name}`] = notes.length ? `${rule.scope} (${notes.join('; ')})` : rule.scope;
      }
    }
    expect(missing, 'root fields without @RequiresScope').toEqual([]);
    expect(table).toEqual(EXPECTED);
  });
});
