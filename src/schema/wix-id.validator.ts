import { IsDefined, ValidateBy, ValidateIf, buildMessage, type ValidationOptions } from 'class-validator';
import { WIX_GUID } from '../model/wix-guid.js';
import { fromGlobalId } from './node.type.js';

/** True for a Wix GUID or a global ID of `type` wrapping one. */
export function isWixIdOf(value: unknown, type: string): boolean {
  if (typeof value !== 'string') return false;
  if (WIX_GUID.test(value)) return true;
  const decoded = fromGlobalId(value);
  return decoded?.type === type && WIX_GUID.test(decoded.wixId);
}

/**
 * class-validator rule: the value is a global ID of `type` or a raw Wix GUID (checked before any upstream call).
 * Null passes: whether a value is required is the schema's business (non-null types) or {@link RequiredUnless}'s.
 */
export function IsWixIdOf(type: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWixIdOf',
      constraints: [type],
      validator: {
        validate: (value: unknown) => value == null || isWixIdOf(value, type),
        defaultMessage: buildMessage((each) => `${each}$property must be a ${type} ID or a Wix GUID`, options),
      },
    },
    options,
  );
}

/** class-validator rule: a Wix GUID (e.g. a catalog product ID, which has no global ID). Null passes, as above. */
export function IsWixGuid(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWixGuid',
      validator: {
        validate: (value: unknown) => value == null || (typeof value === 'string' && WIX_GUID.test(value)),
        defaultMessage: buildMessage((each) => `${each}$property must be a Wix GUID`, options),
      },
    },
    options,
  );
}

/**
 * class-validator rule on a property: it is required unless one of `others` is set (e.g. Adjust needs a new
 * product or a new billing cycle). type-graphql validates with `skipMissingProperties`, which only IsDefined
 * overrides; ValidateIf keeps the property's other rules running whenever it has a value.
 */
export function RequiredUnless(others: string[]): PropertyDecorator {
  return (target, property) => {
    ValidateIf((o: Record<string | symbol, unknown>) => o[property] != null || others.every((k) => o[k] == null))(
      target,
      property,
    );
    IsDefined({ message: `${String(property)} is required unless ${others.join(' or ')} is given` })(target, property);
  };
}
