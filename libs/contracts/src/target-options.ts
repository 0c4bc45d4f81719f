import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Platform-specific choices of a post target: a flat JSON object of short scalar values. */
export type TargetOptions = Record<string, string | number | boolean | null>;

const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** A flat JSON object (scalar values only) whose serialised form stays under `maxBytes` (UTF-8). */
export function IsTargetOptions(maxBytes: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTargetOptions',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.values(value).every(isScalar) &&
          Buffer.byteLength(JSON.stringify(value), 'utf8') <= maxBytes,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an object of strings, numbers and booleans of at most ${maxBytes} bytes`,
      },
    },
    options,
  );
}
