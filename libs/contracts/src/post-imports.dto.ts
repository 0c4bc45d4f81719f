import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsObject, IsOptional, IsUUID } from 'class-validator';
import { ImportFileDto, type ImportFormat, type ImportStatus } from './imports.dto.js';

/** Request subjects of bulk post imports. */
export const PostImportSubjects = {
  start: 'platform.post-import.start',
  get: 'platform.post-import.get',
} as const;

/** The limits of one posts import; a file over them is refused as a whole, with the limit in the message. */
export const POST_IMPORT_LIMITS = {
  /** Rows (posts) in one file. */
  maxRows: 10_000,
  /** Size of one file. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Connections of one row. */
  maxConnections: 20,
  /** Media ids and URLs of one row. */
  maxMedia: 10,
  /** Characters of a row's text. */
  maxTextLength: 10_000,
  /** Characters of a row's title. */
  maxTitleLength: 300,
  /** Characters of a variant label: a post target's own limit (PostTargetDto.variant). */
  maxVariantLength: 50,
  /** Characters of a product, connection or campaign reference, and of a time or time zone. */
  maxReferenceLength: 200,
} as const;

/** What a row's text may say instead of the text itself: write it from the product for each platform. */
export const GENERATE_TEXT = 'generate';
/** What a row's time may say instead of a time: the campaign's next free slot, or the accounts' next allowed time. */
export const NEXT_SLOT = 'next-slot';

/** Where an import stands: reading and checking rows, preparing media and copy, or creating posts. */
export const POST_IMPORT_STAGES = ['checking', 'preparing', 'creating', 'finished'] as const;
export type PostImportStage = (typeof POST_IMPORT_STAGES)[number];

/** `dryRun` as a multipart field or a JSON value: `true`/`false` (any case), or a boolean. */
const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^(true|false)$/i.test(value.trim())
    ? value.trim().toLowerCase() === 'true'
    : value;

/** Sent by the gateway once a posts file is in storage. */
export class StartPostImportRequest extends ImportFileDto {
  /** Checks every row and reports, creating nothing (no posts, no media, no copy). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

/** `?dryRun=true`: check every row and report, creating nothing. */
export class PostImportQuery {
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

/** A posts import sent as the request body (up to the 1 MB body limit; larger files go as a file). */
export class JsonPostImportDto {
  /** The posts, one object per row, with the same column names a file would have (lists as arrays). */
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  @IsArray()
  @ArrayMaxSize(POST_IMPORT_LIMITS.maxRows, { message: `posts: at most ${POST_IMPORT_LIMITS.maxRows} rows` })
  @IsObject({ each: true, message: 'each of posts must be an object' })
  posts!: Array<Record<string, unknown>>;

  /** Check every row and report, creating nothing; the same as `?dryRun=true`. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

export class PostImportIdParams {
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

/** A row that was not created, and why, in words a user understands. */
export class PostImportRejectedRowView {
  /** 1-based line of the row in the file (CSV: the header is line 1; JSON: where the element starts). */
  line!: number;
  reason!: string;
}

/** A created post and the row it came from. */
export class ImportedPostView {
  line!: number;
  postId!: string;
}

export class PostImportReportView {
  id!: string;
  status!: ImportStatus;
  stage!: PostImportStage;
  /** A dry run checks every row and creates nothing. */
  dryRun!: boolean;
  format!: ImportFormat;
  fileName!: string | null;
  /** Rows read so far (empty rows are ignored). */
  processedRows!: number;
  /** Rows that passed every check; with dryRun, the posts a real import would create. */
  valid!: number;
  /** Posts created (none with dryRun). */
  created!: number;
  rejected!: number;
  /** Each rejected row with its line and reason (the first 1000). */
  rejectedRows!: PostImportRejectedRowView[];
  /** The created posts with their rows, in file order. */
  createdPosts!: ImportedPostView[];
  /** Why the file as a whole was refused (unreadable, too many rows, a missing column), with the position when known. */
  error!: { message: string; line: number | null; column: number | null } | null;
  createdAt!: string;
  finishedAt!: string | null;
}
