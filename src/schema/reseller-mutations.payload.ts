import { Field, ID, ObjectType } from 'type-graphql';
import { Package } from './package.type.js';
import { ProductInstance } from './product-instance.type.js';
import { UserError } from './user-error.type.js';

const USER_ERRORS =
  "Why the mutation did not do what was asked (empty on success). Codes are Wix's (e.g. PRODUCT_TYPE_ALREADY_ASSIGNED) or the gateway's (IDEMPOTENCY_CONFLICT, IDEMPOTENCY_IN_PROGRESS, NOT_FOUND).";

/** Result of createPackage. */
@ObjectType('CreatePackagePayload', { description: 'Result of createPackage.' })
export class CreatePackagePayload {
  @Field(() => Package, {
    nullable: true,
    description: 'The package bought (its instances start PENDING); null when nothing was bought.',
  })
  package!: Package | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

/** Result of cancelPackage. */
@ObjectType('CancelPackagePayload', { description: 'Result of cancelPackage.' })
export class CancelPackagePayload {
  @Field(() => Package, {
    nullable: true,
    description: 'The canceled package, its instances CANCELED; null when nothing was canceled.',
  })
  package!: Package | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

/** Result of updatePackageExternalId. */
@ObjectType('UpdatePackageExternalIdPayload', { description: 'Result of updatePackageExternalId.' })
export class UpdatePackageExternalIdPayload {
  @Field(() => Package, { nullable: true, description: 'The package with its new external ID; null on failure.' })
  package!: Package | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

/** Result of assignProductInstance. */
@ObjectType('AssignProductInstancePayload', { description: 'Result of assignProductInstance.' })
export class AssignProductInstancePayload {
  @Field(() => ProductInstance, { nullable: true, description: 'The instance, now on the site; null on failure.' })
  productInstance!: ProductInstance | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

/** Result of unassignProductInstance. */
@ObjectType('UnassignProductInstancePayload', { description: 'Result of unassignProductInstance.' })
export class UnassignProductInstancePayload {
  @Field(() => ProductInstance, { nullable: true, description: 'The instance, now floating; null on failure.' })
  productInstance!: ProductInstance | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

/** Result of reassignProductInstance. */
@ObjectType('ReassignProductInstancePayload', {
  description:
    'Result of reassignProductInstance. When Wix refused the move, `productInstance` is re-read so you see where it ended up: a failed move can leave it on the old site or floating.',
})
export class ReassignProductInstancePayload {
  @Field(() => ProductInstance, {
    nullable: true,
    description: 'The instance as it is now (re-read after a refused move); null when it was not found.',
  })
  productInstance!: ProductInstance | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Wix ID of the site the instance was on before; null when it was floating.',
  })
  previousSiteWixId!: string | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

/** Result of adjustProductInstance. */
@ObjectType('AdjustProductInstancePayload', { description: 'Result of adjustProductInstance.' })
export class AdjustProductInstancePayload {
  @Field(() => ProductInstance, {
    nullable: true,
    description: 'The instance with its new product and/or billing; null when nothing changed.',
  })
  productInstance!: ProductInstance | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}

/** Result of cancelProductInstance. */
@ObjectType('CancelProductInstancePayload', { description: 'Result of cancelProductInstance.' })
export class CancelProductInstancePayload {
  @Field(() => ProductInstance, {
    nullable: true,
    description: 'The canceled instance; null when nothing was canceled.',
  })
  productInstance!: ProductInstance | null;

  @Field(() => [UserError], { description: USER_ERRORS })
  userErrors!: UserError[];
}
