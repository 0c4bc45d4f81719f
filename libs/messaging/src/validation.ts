import { ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ignoresUnknownFields, InvalidError } from '@app/contracts';

export interface FieldError {
  field: string;
  messages: string[];
}

/** The validation rules every entry point applies: known fields only, typed, transformed. */
export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true } as const;

/** Validates plain data against a contract class; throws InvalidError (400) naming each bad field. */
export async function validateDto<T extends object>(dtoClass: new () => T, plain: unknown): Promise<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw new InvalidError('The request body must be a JSON object');
  }
  const instance = plainToInstance(dtoClass, plain);
  const errors = await validate(instance, optionsFor(dtoClass, VALIDATION_OPTIONS));
  if (errors.length > 0) throw invalidFromValidationErrors(errors);
  return instance;
}

/** Nest's ValidationPipe, except that a DTO marked `@IgnoresUnknownFields()` drops unknown fields instead of refusing them. */
export class DtoValidationPipe extends ValidationPipe {
  protected override validate(object: object, options?: ValidatorOptions) {
    return super.validate(object, optionsFor(object.constructor, options ?? {}));
  }
}

function optionsFor(dtoClass: unknown, options: ValidatorOptions): ValidatorOptions {
  return ignoresUnknownFields(dtoClass)
    ? { ...options, whitelist: true, forbidNonWhitelisted: false }
    : options;
}

export function invalidFromValidationErrors(errors: ValidationError[]): InvalidError {
  const fields = flattenErrors(errors);
  const summary = fields.flatMap((field) => field.messages).join('; ');
  return new InvalidError(summary || 'Invalid request', { fields });
}

function flattenErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenErrors(error.children ?? [], field)];
  });
}
