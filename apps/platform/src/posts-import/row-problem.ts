/** Why one row of an import cannot become a post, in words its author understands; it never stops the others. */
export class RowProblem extends Error {}
