import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The official X API v2 OpenAPI spec (2.167, xdevplatform/xdk specs/openapi.json @ 489c3f0), vendored. */
const SPEC_PATH = join(import.meta.dirname, 'x-api-v2.openapi.json');

let ajv: Ajv | undefined;

function specAjv(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('binary', true);
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addSchema(JSON.parse(readFileSync(SPEC_PATH, 'utf8')), 'x-spec');
  return ajv;
}

/** A validator for `#/components/schemas/<name>` of the X spec. */
export function specSchema(name: string): ValidateFunction {
  const validate = specAjv().getSchema(`x-spec#/components/schemas/${name}`);
  if (!validate) throw new Error(`No schema ${name} in the X spec`);
  return validate;
}

/** X-style error list: `[{message, parameters}]` built from ajv errors. */
export function specErrors(
  errors: ErrorObject[] | null | undefined,
): Array<{ message: string; parameters: Record<string, string[]> }> {
  return (errors ?? []).map((error) => ({
    message: `${error.instancePath || '(body)'} ${error.message ?? 'is invalid'}${error.params && 'additionalProperty' in error.params ? `: ${String(error.params.additionalProperty)}` : ''}`,
    parameters: { [error.instancePath.replace(/^\//, '') || 'body']: [JSON.stringify(error.params)] },
  }));
}
