/** The subset of JSON Schema that OpenAI structured outputs support, enough to check a schema and a value. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  description?: string;
}

/**
 * Where a strict schema breaks OpenAI's strict-mode rules: every object must list all its properties
 * in `required` and set `additionalProperties: false`. Empty when it is fine.
 */
export function strictSchemaProblems(schema: JsonSchema, path = '$'): string[] {
  const problems: string[] = [];
  if (hasType(schema, 'object')) {
    const keys = Object.keys(schema.properties ?? {});
    if (schema.additionalProperties !== false) problems.push(`${path}: additionalProperties must be false`);
    const missing = keys.filter((key) => !(schema.required ?? []).includes(key));
    if (missing.length > 0) problems.push(`${path}: required is missing ${missing.join(', ')}`);
    for (const key of keys)
      problems.push(...strictSchemaProblems(schema.properties![key]!, `${path}.${key}`));
  }
  if (schema.items) problems.push(...strictSchemaProblems(schema.items, `${path}[]`));
  for (const [index, option] of (schema.anyOf ?? []).entries()) {
    problems.push(...strictSchemaProblems(option, `${path}.anyOf[${index}]`));
  }
  return problems;
}

/** Where `value` does not match `schema`; empty when it does. */
export function schemaErrors(schema: JsonSchema, value: unknown, path = '$'): string[] {
  if (schema.anyOf) {
    const fits = schema.anyOf.some((option) => schemaErrors(option, value, path).length === 0);
    return fits ? [] : [`${path}: matches no anyOf option`];
  }
  if (schema.enum && !schema.enum.some((allowed) => allowed === value))
    return [`${path}: not one of the enum`];
  if (schema.type !== undefined && !types(schema).some((type) => isOfType(value, type))) {
    return [`${path}: expected ${types(schema).join(' or ')}`];
  }
  if (Array.isArray(value)) return arrayErrors(schema, value, path);
  if (typeof value === 'string') return stringErrors(schema, value, path);
  if (typeof value === 'number') return numberErrors(schema, value, path);
  if (typeof value === 'object' && value !== null)
    return objectErrors(schema, value as Record<string, unknown>, path);
  return [];
}

function arrayErrors(schema: JsonSchema, value: unknown[], path: string): string[] {
  const errors: string[] = [];
  if (schema.minItems !== undefined && value.length < schema.minItems)
    errors.push(`${path}: fewer than ${schema.minItems} items`);
  if (schema.maxItems !== undefined && value.length > schema.maxItems)
    errors.push(`${path}: more than ${schema.maxItems} items`);
  if (schema.items)
    value.forEach((item, index) => errors.push(...schemaErrors(schema.items!, item, `${path}[${index}]`)));
  return errors;
}

function stringErrors(schema: JsonSchema, value: string, path: string): string[] {
  if (schema.minLength !== undefined && value.length < schema.minLength)
    return [`${path}: shorter than ${schema.minLength}`];
  if (schema.maxLength !== undefined && value.length > schema.maxLength)
    return [`${path}: longer than ${schema.maxLength}`];
  return [];
}

function numberErrors(schema: JsonSchema, value: number, path: string): string[] {
  if (schema.minimum !== undefined && value < schema.minimum) return [`${path}: below ${schema.minimum}`];
  if (schema.maximum !== undefined && value > schema.maximum) return [`${path}: above ${schema.maximum}`];
  return [];
}

function objectErrors(schema: JsonSchema, value: Record<string, unknown>, path: string): string[] {
  const errors: string[] = [];
  const properties = schema.properties ?? {};
  for (const key of schema.required ?? []) if (!(key in value)) errors.push(`${path}: missing ${key}`);
  for (const [key, item] of Object.entries(value)) {
    const propertySchema = properties[key];
    if (propertySchema) errors.push(...schemaErrors(propertySchema, item, `${path}.${key}`));
    else if (schema.additionalProperties === false) errors.push(`${path}: unexpected ${key}`);
  }
  return errors;
}

function types(schema: JsonSchema): string[] {
  return Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
}

function hasType(schema: JsonSchema, type: string): boolean {
  return types(schema).includes(type);
}

function isOfType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}
