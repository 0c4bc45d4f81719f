import { OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  IsObject,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { HTTP_URL, Optional, Trim, TrimUpper } from './validation.js';

export const PRODUCT_STATUSES = ['active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
/** What a product list can be ordered by; products without a price sort as the cheapest. */
export const PRODUCT_SORTS = ['createdAt', 'updatedAt', 'title', 'price'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export class CreateProductDto {
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @Optional({ nullable: true })
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  /** Price in minor units (cents); requires `currency`. */
  @Optional({ nullable: true })
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  priceMinor?: number | null;

  /** ISO 4217 code, e.g. USD. */
  @Optional({ nullable: true })
  @TrimUpper()
  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as USD or EUR' })
  currency?: string | null;

  /** Your cost in minor units, for margin. */
  @Optional({ nullable: true })
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  costMinor?: number | null;

  /** Affiliate commission in percent, 0 to 100. */
  @Optional({ nullable: true })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  commissionRate?: number | null;

  @Optional({ nullable: true })
  @Trim()
  @IsString()
  @Length(1, 100)
  category?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  tags?: string[];

  /** Where a click should land (your shop or affiliate link); http or https only. */
  @Optional({ nullable: true })
  @IsUrl(HTTP_URL, { message: 'destinationUrl must be an http or https URL' })
  @MaxLength(2048)
  destinationUrl?: string | null;

  /** Your SKU or the feed's id; unique within the workspace. */
  @Optional({ nullable: true })
  @Trim()
  @IsString()
  @Length(1, 200)
  externalId?: string | null;

  @IsOptional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;
}

/** Every field of a product may change; title and status may be omitted but not cleared. */
export class UpdateProductDto extends PartialType(OmitType(CreateProductDto, ['title', 'status'] as const)) {
  /** Omit to keep the current title; it cannot be cleared. */
  @Optional()
  @Trim()
  @IsString({ message: 'title must be a string; it cannot be cleared' })
  @Length(1, 200)
  title?: string;

  @Optional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;
}

export class ListProductsQuery {
  /** Page size, 1 to 100 (default 20). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** `nextCursor` from the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  /** Text search in title and description. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  /** Only products with this tag. */
  @IsOptional()
  @IsString()
  @Length(1, 50)
  tag?: string;

  @IsOptional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;

  /** Order by this field (default `createdAt`); a cursor belongs to the order it was made in. */
  @IsOptional()
  @IsIn(PRODUCT_SORTS)
  sort?: ProductSort;

  /** `desc` by default. */
  @IsOptional()
  @IsIn(SORT_ORDERS)
  order?: SortOrder;
}

/** Most products one find request names (ids and external ids together). */
export const MAX_FOUND_PRODUCTS = 1000;

/** Products to look up by id, by external id (SKU), or both. */
export class FindProductsRequest {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FOUND_PRODUCTS)
  @IsUUID('all', { each: true })
  ids?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FOUND_PRODUCTS)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  externalIds?: string[];
}

/** What a bulk import needs of a product it names. */
export interface ProductRefView {
  id: string;
  externalId: string | null;
  title: string;
  status: ProductStatus;
}

export class ProductIdParams {
  @IsUUID()
  id!: string;
}

export class UpdateProductRequest {
  @IsUUID()
  id!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => UpdateProductDto)
  patch!: UpdateProductDto;
}

export class ProductView {
  id!: string;
  title!: string;
  description!: string | null;
  priceMinor!: number | null;
  currency!: string | null;
  costMinor!: number | null;
  /** priceMinor - costMinor when both are known. */
  marginMinor!: number | null;
  commissionRate!: number | null;
  category!: string | null;
  tags!: string[];
  destinationUrl!: string | null;
  externalId!: string | null;
  status!: ProductStatus;
  createdAt!: string;
  updatedAt!: string;
}

export class ProductPageView {
  items!: ProductView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor!: string | null;
}
