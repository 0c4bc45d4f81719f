/** One record read from an import file, before mapping: its line and its raw fields. */
export interface SourceRow {
  line: number;
  record: Record<string, unknown>;
  /** Set when the reader already knows the row is unusable (e.g. a CSV row with too many fields). */
  problem?: string;
}
