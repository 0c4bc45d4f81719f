/** One record read from an import file, before mapping: its line and its raw fields. */
export interface SourceRow {
  /** CSV: the line the record ends on; JSON: the line the element starts on. */
  line: number;
  /** The line the record starts on (they differ for CSV records with line breaks inside quoted fields). */
  firstLine: number;
  record: Record<string, unknown>;
  /** Set when the reader already knows the row is unusable (e.g. a CSV row with too many fields). */
  problem?: string;
}
