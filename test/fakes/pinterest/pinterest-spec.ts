import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { describeSchemaError, OpenApiSchemas } from '../openapi-validator.js';

/**
 * The official Pinterest API v5 OpenAPI spec (5.23.0, pinterest/api-description v5/openapi.json @ c05b189),
 * vendored.
 */
const PINTEREST_SPEC = new OpenApiSchemas(
  join(import.meta.dirname, 'pinterest-v5.openapi.json'),
  'Pinterest',
);

/** A validator for `#/components/schemas/<name>` of the Pinterest spec. */
export function pinterestSchema(name: string): ValidateFunction {
  return PINTEREST_SPEC.schema(name);
}

/** Pinterest answers an invalid body with one `{code, message}`; the message lists every ajv error. */
export function pinterestSchemaMessage(errors: ErrorObject[] | null | undefined): string {
  const details = (errors ?? []).map(describeSchemaError);
  return `Invalid request body: ${details.join('; ') || 'does not match the schema'}`;
}
