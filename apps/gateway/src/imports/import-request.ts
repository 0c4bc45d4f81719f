import type { MultipartFields, MultipartValue } from '@fastify/multipart';
import { getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ArrayMaxSize, IsArray, IsObject } from 'class-validator';
import { type ImportFormat, ImportOptionsDto, InvalidError } from '@app/contracts';
import { validateDto } from '@app/messaging';

/** A JSON import sent as the request body (up to the 1 MB body limit; larger catalogs go as a file). */
export class JsonImportDto extends ImportOptionsDto {
  /** The products, one object per row, with the same column names a file would have. */
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsObject({ each: true })
  products!: Array<Record<string, unknown>>;
}

/**
 * The OpenAPI body of an import route: a multipart form with `fields` sent before the `file` (its format,
 * `csv` or `json`, from the file's name unless given), or the JSON body `jsonBody`.
 */
export function importBodySchema(fields: Record<string, object>, jsonBody: new () => object) {
  return {
    schema: {
      oneOf: [
        {
          type: 'object',
          required: ['file'],
          properties: {
            ...fields,
            format: { type: 'string', enum: ['csv', 'json'] },
            file: { type: 'string', format: 'binary', description: 'Send the other fields before the file' },
          },
        },
        { $ref: getSchemaPath(jsonBody) },
      ],
    },
  };
}

/** Answers an import's report: 202 while it runs as a job (follow its report), 201 once it is done. */
export function answerImport<T extends { status: string }>(reply: FastifyReply, report: T): T {
  void reply.status(report.status === 'running' ? 202 : 201);
  return report;
}

/** The options of a multipart import, sent as form fields before the file: `mapping`, `filters` (JSON), `defaultCurrency`, `format`. */
export async function importOptionsFromFields(fields: MultipartFields): Promise<ImportOptionsDto> {
  const plain: Record<string, unknown> = {};
  for (const name of ['mapping', 'filters'] as const) {
    const raw = fieldValue(fields, name);
    if (raw !== undefined) plain[name] = parseJsonField(name, raw);
  }
  const defaultCurrency = fieldValue(fields, 'defaultCurrency');
  if (defaultCurrency !== undefined) plain.defaultCurrency = defaultCurrency;
  return validateDto(ImportOptionsDto, plain);
}

/** `format` when given, else from the file's name or type; CSV by default. */
export function importFormatOf(fields: MultipartFields, fileName: string, mimeType: string): ImportFormat {
  const given = fieldValue(fields, 'format');
  if (given !== undefined) {
    if (given !== 'csv' && given !== 'json') throw new InvalidError('format must be csv or json');
    return given;
  }
  return /\.json$/i.test(fileName) || /json/i.test(mimeType) ? 'json' : 'csv';
}

/** The value of a multipart text field, if the form has one. */
export function fieldValue(fields: MultipartFields, name: string): string | undefined {
  const field = fields[name];
  const single = Array.isArray(field) ? field[0] : field;
  if (!single || single.type !== 'field') return undefined;
  return String((single as MultipartValue).value);
}

function parseJsonField(name: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new InvalidError(`${name} must be a JSON object`, {
      fields: [{ field: name, messages: ['must be JSON'] }],
    });
  }
}
