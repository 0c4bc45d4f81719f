import { ColumnResolver, type ResolvedColumns } from '@app/import-files';

/** The fields of an import row. */
export type PostImportField =
  | 'product'
  | 'connections'
  | 'text'
  | 'title'
  | 'media'
  | 'scheduledAt'
  | 'timezone'
  | 'campaign'
  | 'variant'
  | 'options';

/** Names a spreadsheet may give each column, compared without case or punctuation; the first is the documented one. */
export const POST_IMPORT_COLUMNS: Record<PostImportField, string[]> = {
  product: ['product', 'product id', 'product external id', 'external id', 'sku'],
  connections: ['connections', 'connection', 'connection ids', 'connection id', 'accounts', 'account'],
  text: ['text', 'caption', 'copy', 'message'],
  title: ['title'],
  media: ['media', 'media ids', 'media id', 'media urls', 'media url', 'images', 'image urls', 'image url'],
  scheduledAt: ['scheduled at', 'time', 'publish at', 'date', 'datetime', 'when'],
  timezone: ['timezone', 'time zone', 'tz'],
  campaign: ['campaign', 'campaign id', 'campaign name'],
  variant: ['variant', 'variant label'],
  options: ['options', 'target options'],
};

/** Columns every row needs; a CSV header without one of them is refused as a whole. */
export const REQUIRED_COLUMNS: PostImportField[] = ['product', 'connections', 'text', 'scheduledAt'];

export type PostImportColumnKeys = ResolvedColumns<PostImportField>;

/** Finds each field's column among a record's keys by the names above. */
export class PostImportColumns extends ColumnResolver<PostImportField> {
  constructor() {
    super(POST_IMPORT_COLUMNS);
  }
}
