import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** Validators for the `components.schemas` of one vendored OpenAPI 3 document, compiled lazily. */
export class OpenApiSchemas {
  private ajv?: Ajv;

  /** `label` names the spec in error messages (e.g. "X", "Pinterest"). */
  constructor(
    private readonly specPath: string,
    private readonly label: string,
  ) {}

  /** A validator for `#/components/schemas/<name>`. */
  schema(name: string): ValidateFunction {
    return this.ref(`#/components/schemas/${name}`);
  }

  /** A validator for any `#/...` JSON pointer of the spec (a parameter's schema, a response). */
  ref(pointer: string): ValidateFunction {
    const validate = this.compiler().getSchema(`spec${pointer}`);
    if (!validate) throw new Error(`No schema ${pointer} in the ${this.label} spec`);
    return validate;
  }

  private compiler(): Ajv {
    if (this.ajv) return this.ajv;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addFormat('binary', true);
    ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
    ajv.addSchema(JSON.parse(readFileSync(this.specPath, 'utf8')), 'spec');
    this.ajv = ajv;
    return ajv;
  }
}

/** One ajv error as a sentence: `/path must be ...: extraField`. */
export function describeSchemaError(error: ErrorObject): string {
  const extra =
    error.params && 'additionalProperty' in error.params
      ? `: ${String(error.params.additionalProperty)}`
      : '';
  return `${error.instancePath || '(body)'} ${error.message ?? 'is invalid'}${extra}`;
}
