import { InvalidError } from '@app/contracts';

/** A file that cannot be read as a whole (bad quoting, broken JSON): 400 with the parser's position. */
export class ImportFileError extends InvalidError {
  constructor(
    readonly reason: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(
      `The file could not be read${line === null ? '' : ` at line ${line}${column === null ? '' : `, column ${column}`}`}: ${reason}`,
      {
        line,
        column,
      },
    );
  }
}
