import { Transform } from 'class-transformer';
import { IsOptional, ValidateIf, type ValidationOptions } from 'class-validator';

// Building blocks for request DTOs. Constraint decorators (@Length, @Min, @IsUrl, @IsUUID ...) stay written
// on each field: the OpenAPI plugin reads them from the source to describe the field, and would not see them
// through a composite decorator.

/** `IsUrl` options for the URLs Shopcast fetches or redirects to: http or https, with the scheme. */
export const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export interface OptionalOptions extends ValidationOptions {
  /** `null` is accepted too (and skips the field's other validators): it clears a stored value. */
  nullable?: boolean;
}

/**
 * A field that may be omitted. Without `nullable`, an explicit `null` is still validated (and fails the field's
 * type check), for fields that may be left unchanged but never cleared.
 */
export function Optional({ nullable, ...options }: OptionalOptions = {}): PropertyDecorator {
  if (nullable) return IsOptional(options);
  return ValidateIf((_: object, value: unknown) => value !== undefined, options);
}

/** Trims a string before validation; any other value passes through for the validators to reject. */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
}

/** Trims and upper-cases a string before validation (currency codes). */
export function TrimUpper(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  );
}

const ignoringUnknownFields = new WeakSet<object>();

/**
 * For a request shape another party writes, such as the query string an OAuth provider appends to its
 * redirect (TikTok adds `scopes`, Meta `error_reason` and `error_code`): fields the class does not declare
 * are dropped instead of refused. Every other DTO keeps refusing unknown fields.
 */
export function IgnoresUnknownFields(): ClassDecorator {
  return (target) => {
    ignoringUnknownFields.add(target);
  };
}

/** True when the class, or a class it extends, is marked `@IgnoresUnknownFields()`. */
export function ignoresUnknownFields(type: unknown): boolean {
  for (let current = type; typeof current === 'function'; current = Object.getPrototypeOf(current)) {
    if (ignoringUnknownFields.has(current)) return true;
  }
  return false;
}
