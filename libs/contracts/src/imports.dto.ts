import { IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { HTTP_URL } from './validation.js';

/** Request subjects of catalog import. */
export const ImportSubjects = {
  start: 'content.import.start',
  get: 'content.import.get',
  prefillFromUrl: 'content.product.prefill',
  retryImages: 'content.import.retry-images',
} as const;

export const IMPORT_FORMATS = ['csv', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const IMPORT_STATUSES = ['running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** The product fields a column can map to (rating feeds the minRating filter only). */
export const IMPORT_FIELDS = [
  'title',
  'description',
  'price',
  'currency',
  'cost',
  'commissionRate',
  'rating',
  'category',
  'tags',
  'destinationUrl',
  'externalId',
  'imageUrls',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Which source column (CSV header or JSON key) feeds each field; unmapped fields use common names. */
export class ImportMapping implements Partial<Record<ImportField, string>> {
  @IsOptional() @IsString() @Length(1, 200) title?: string;
  @IsOptional() @IsString() @Length(1, 200) description?: string;
  @IsOptional() @IsString() @Length(1, 200) price?: string;
  @IsOptional() @IsString() @Length(1, 200) currency?: string;
  @IsOptional() @IsString() @Length(1, 200) cost?: string;
  @IsOptional() @IsString() @Length(1, 200) commissionRate?: string;
  @IsOptional() @IsString() @Length(1, 200) rating?: string;
  @IsOptional() @IsString() @Length(1, 200) category?: string;
  @IsOptional() @IsString() @Length(1, 200) tags?: string;
  @IsOptional() @IsString() @Length(1, 200) destinationUrl?: string;
  @IsOptional() @IsString() @Length(1, 200) externalId?: string;
  @IsOptional() @IsString() @Length(1, 200) imageUrls?: string;
}

/** Rows outside these bounds are skipped (counted, not rejected): the filters affiliate tools use. */
export class ImportFilters {
  @IsOptional() @IsInt() @Min(0) minPriceMinor?: number;
  @IsOptional() @IsInt() @Min(0) maxPriceMinor?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(100) minCommissionRate?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(5) minRating?: number;

  /** Only these categories (case-insensitive). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  categories?: string[];
}

/** How to read a file: its format, the column mapping, filters and a currency for rows without one. */
export class ImportOptionsDto {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ImportMapping)
  mapping?: ImportMapping;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ImportFilters)
  filters?: ImportFilters;

  @IsOptional()
  @IsISO4217CurrencyCode({ message: 'defaultCurrency must be an ISO 4217 code such as USD' })
  defaultCurrency?: string;
}

/** An import file the gateway put in storage under `imports/<workspaceId>/...`, as a service receives it. */
export class ImportFileDto {
  @IsString()
  @Matches(/^imports\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/, {
    message: 'sourceKey is not an import of this gateway',
  })
  sourceKey!: string;

  @IsIn(IMPORT_FORMATS)
  format!: ImportFormat;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  fileName?: string;
}

/** Sent by the gateway once a catalog file is in storage: the file and how to read it. */
export class StartImportRequest extends IntersectionType(ImportFileDto, ImportOptionsDto) {}

export class ImportIdParams {
  @IsUUID()
  id!: string;
}

/** What POST /imports/:id/retry-images did: how many failed image URLs were queued again. */
export class ImportImagesRetryView {
  importId!: string;
  requeued!: number;
}

export class PrefillFromUrlDto {
  /** A product page; private and loopback addresses are refused. */
  @IsUrl(HTTP_URL)
  @MaxLength(2048)
  url!: string;
}

export class RejectedRowView {
  /** 1-based line of the row in the file (JSON: where the element starts; CSV: where the record ends). */
  line!: number;
  reason!: string;
  externalId!: string | null;
}

/** Something ignored in an accepted row (e.g. an unusable image URL); the row itself was imported. */
export class ImportWarningView {
  line!: number;
  message!: string;
  externalId!: string | null;
}

export class ImportReportView {
  id!: string;
  status!: ImportStatus;
  format!: ImportFormat;
  fileName!: string | null;
  /** Rows read so far. */
  processedRows!: number;
  created!: number;
  updated!: number;
  /** Rows identical to the product already stored (a re-import). */
  unchanged!: number;
  /** Rows left out by the filters. */
  skipped!: number;
  rejected!: number;
  /** Each rejected row with its line and reason (the first 1000). */
  rejectedRows!: RejectedRowView[];
  /**
   * Problems within accepted rows (the first 1000): image URLs that are invalid or beyond the cap, and, once
   * the background fetch has run, image URLs that could not be fetched or are not images.
   */
  warnings!: ImportWarningView[];
  /** Why the file could not be read, with the parser's position. */
  error!: { message: string; line: number | null; column: number | null } | null;
  createdAt!: string;
  finishedAt!: string | null;
}

export class ProductPrefillView {
  title!: string | null;
  description!: string | null;
  priceMinor!: number | null;
  currency!: string | null;
  brand!: string | null;
  imageUrls!: string[];
  destinationUrl!: string;
  externalId!: string | null;
}
