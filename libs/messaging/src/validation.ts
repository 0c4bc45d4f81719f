import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { InvalidError } from '@app/contracts';

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
  const errors = await validate(instance, VALIDATION_OPTIONS);
  if (errors.length > 0) throw invalidFromValidationErrors(errors);
  return instance;
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
