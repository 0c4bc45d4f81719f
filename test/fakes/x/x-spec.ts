import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { describeSchemaError, OpenApiSchemas } from '../openapi-validator.js';

/** The official X API v2 OpenAPI spec (2.167, xdevplatform/xdk specs/openapi.json @ 489c3f0), vendored. */
const SPEC_PATH = join(import.meta.dirname, 'x-api-v2.openapi.json');
const X_SPEC = new OpenApiSchemas(SPEC_PATH, 'X');

/** A validator for `#/components/schemas/<name>` of the X spec. */
export function specSchema(name: string): ValidateFunction {
  return X_SPEC.schema(name);
}

/** X-style error list: `[{message, parameters}]` built from ajv errors. */
export function specErrors(
  errors: ErrorObject[] | null | undefined,
): Array<{ message: string; parameters: Record<string, string[]> }> {
  return (errors ?? []).map((error) => ({
    message: describeSchemaError(error),
    parameters: { [error.instancePath.replace(/^\//, '') || 'body']: [JSON.stringify(error.params)] },
  }));
}
