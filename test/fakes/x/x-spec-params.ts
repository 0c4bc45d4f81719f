import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const SPEC_PATH = join(import.meta.dirname, 'x-api-v2.openapi.json');

interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: { type?: string; $ref?: string };
}

export interface XParamError {
  message: string;
  parameters: Record<string, string[]>;
}

let spec: { document: Record<string, unknown>; ajv: Ajv } | undefined;

/**
 * Checks the path and query parameters of a request against the X spec's operation, as X does: unknown query
 * parameters, values outside an enum (comma-separated lists, `explode: false`) and malformed path ids are 400s.
 */
export function specParamErrors(
  path: string,
  method: string,
  pathValues: Record<string, string>,
  query: URLSearchParams,
): XParamError[] {
  const parameters = parametersOf(path, method);
  const errors: XParamError[] = [];
  const known = parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
  for (const name of new Set(query.keys()))
    if (!known.includes(name))
      errors.push({
        message: `The query parameter [${name}] is not one of [${known.join(',')}]`,
        parameters: { [name]: query.getAll(name) },
      });
  for (const { parameter, pointer } of parameters.map((parameter, index) => ({
    parameter,
    pointer: schemaPointer(path, method, parameter, index),
  }))) {
    const raw =
      parameter.in === 'path' ? pathValues[parameter.name] : (query.get(parameter.name) ?? undefined);
    if (raw === undefined) {
      if (parameter.required)
        errors.push({
          message: `The \`${parameter.name}\` parameter is missing.`,
          parameters: { [parameter.name]: [] },
        });
      continue;
    }
    const validate = validatorAt(pointer);
    if (!validate(parameter.schema.type === 'array' ? raw.split(',') : raw))
      errors.push({
        message: `The \`${parameter.name}\` query parameter value [${raw}] is not valid: ${validate.errors?.[0]?.message ?? 'invalid'}`,
        parameters: { [parameter.name]: [raw] },
      });
  }
  return errors;
}

function loaded(): { document: Record<string, unknown>; ajv: Ajv } {
  if (spec) return spec;
  const document = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(document, 'x-params');
  spec = { document, ajv };
  return spec;
}

function nodeAt(pointer: string): Record<string, unknown> {
  let node: unknown = loaded().document;
  for (const part of pointer.replace(/^#\//, '').split('/'))
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (!node || typeof node !== 'object') throw new Error(`Nothing at ${pointer} in the X spec`);
  return node as Record<string, unknown>;
}

function parametersOf(path: string, method: string): SpecParameter[] {
  const operation = nodeAt(`#/paths/${escape(path)}/${method}`);
  return ((operation.parameters ?? []) as Array<Record<string, unknown>>).map(
    (entry) => (typeof entry.$ref === 'string' ? nodeAt(entry.$ref) : entry) as unknown as SpecParameter,
  );
}

/** A parameter's schema: a shared component's, a `$ref`'d one, or the operation's inline one. */
function schemaPointer(path: string, method: string, parameter: SpecParameter, index: number): string {
  if (parameter.schema.$ref) return parameter.schema.$ref;
  const listed = (nodeAt(`#/paths/${escape(path)}/${method}`).parameters as Array<{ $ref?: string }>)[index];
  return listed.$ref
    ? `${listed.$ref}/schema`
    : `#/paths/${escape(path)}/${method}/parameters/${index}/schema`;
}

function validatorAt(pointer: string): ValidateFunction {
  const validate = loaded().ajv.getSchema(`x-params${pointer}`);
  if (!validate) throw new Error(`No schema at ${pointer} in the X spec`);
  return validate;
}

function escape(path: string): string {
  return path.replace(/~/g, '~0').replace(/\//g, '~1');
}
