import type { Readable } from 'node:stream';
import { ImportFileError } from './import-file.error.js';
import type { SourceRow } from './source-row.js';

const MAX_ELEMENT_CHARS = 1024 * 1024;

/**
 * Streams the elements of a top-level JSON array one at a time (a 100k-element file is never held whole),
 * each with the line it starts on. A syntax error anywhere is an ImportFileError with line and column.
 */
export async function* jsonRows(input: Readable): AsyncGenerator<SourceRow> {
  const scanner = new ArrayScanner();
  input.setEncoding('utf8');
  for await (const chunk of input as AsyncIterable<string>) {
    for (const element of scanner.push(chunk)) yield toRow(element);
  }
  scanner.end();
}

interface Element {
  text: string;
  line: number;
  column: number;
}

function toRow(element: Element): SourceRow {
  let value: unknown;
  try {
    value = JSON.parse(element.text);
  } catch (error) {
    throw positioned(element, error as SyntaxError);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      line: element.line,
      firstLine: element.line,
      record: {},
      problem: 'the element is not a JSON object',
    };
  }
  return { line: element.line, firstLine: element.line, record: value as Record<string, unknown> };
}

/** Turns JSON.parse's "at position N" inside an element into a line and column of the file. */
function positioned(element: Element, error: SyntaxError): ImportFileError {
  const position = Number(/position (\d+)/.exec(error.message)?.[1] ?? 0);
  const before = element.text.slice(0, position).split('\n');
  const line = element.line + before.length - 1;
  const column = before.length === 1 ? element.column + position : before.at(-1)!.length + 1;
  return new ImportFileError(error.message.replace(/ in JSON at position \d+.*$/s, ''), line, column);
}

type State = 'before-array' | 'before-value' | 'in-value' | 'after-value' | 'done';

/** A small state machine that splits `[v, v, ...]` into element texts, tracking strings and nesting. */
class ArrayScanner {
  private state: State = 'before-array';
  private line = 1;
  private column = 0;
  private value = new ValueText();
  private afterComma = false;

  *push(chunk: string): Generator<Element> {
    let valueFrom = 0;
    for (let index = 0; index < chunk.length; index += 1) {
      const char = chunk[index];
      if (char === '\n') {
        this.line += 1;
        this.column = 0;
      } else {
        this.column += 1;
      }
      if (this.state === 'in-value') {
        const outcome = this.value.feed(char);
        if (outcome === 'more') continue;
        yield this.value.element(chunk.slice(valueFrom, outcome === 'complete' ? index + 1 : index));
        this.state = 'after-value';
        // A primitive ends at the character after it, which is then read as a separator.
        if (outcome === 'complete') continue;
      }
      if (this.separator(char)) valueFrom = index;
    }
    if (this.state === 'in-value') this.value.keep(chunk.slice(valueFrom));
  }

  end(): void {
    if (this.state === 'before-array') throw this.error('the file is empty; expected a JSON array');
    if (this.state !== 'done') throw this.error('the file ends before the array is closed');
  }

  /** Reads a character between values; true when it begins a value. */
  private separator(char: string): boolean {
    if (isSpace(char)) return false;
    switch (this.state) {
      case 'before-array':
        if (char !== '[') throw this.error('the file must be a JSON array with one object per row');
        this.state = 'before-value';
        return false;
      case 'done':
        throw this.error('unexpected content after the array');
      case 'after-value':
        if (char === ']') this.state = 'done';
        else if (char === ',') this.state = 'before-value';
        else throw this.error(`expected "," or "]" but found "${char}"`);
        this.afterComma = char === ',';
        return false;
      default:
        if (char === ']' && !this.afterComma) {
          this.state = 'done';
          return false;
        }
        if (char === ']' || char === ',') throw this.error(`expected a value but found "${char}"`);
        this.value.begin(char, this.line, this.column);
        this.state = 'in-value';
        return true;
    }
  }

  private error(reason: string): ImportFileError {
    return new ImportFileError(reason, this.line, this.column);
  }
}

type Outcome = 'more' | 'complete' | 'ended-before';

/** The text of one array element being read, up to its end. */
class ValueText {
  private parts: string[] = [];
  private size = 0;
  private depth = 0;
  private inString = false;
  private isEscaped = false;
  private isPrimitive = false;
  private line = 1;
  private column = 1;

  begin(first: string, line: number, column: number): void {
    this.parts = [];
    this.size = 1;
    this.line = line;
    this.column = column;
    this.isEscaped = false;
    this.inString = first === '"';
    this.depth = first === '{' || first === '[' ? 1 : 0;
    this.isPrimitive = !this.inString && this.depth === 0;
  }

  /** 'complete' when `char` closes the value, 'ended-before' when the value ended just before `char`. */
  feed(char: string): Outcome {
    if (this.isPrimitive && (isSpace(char) || char === ',' || char === ']')) return 'ended-before';
    this.size += 1;
    if (this.size > MAX_ELEMENT_CHARS)
      throw new ImportFileError('an element is larger than 1 MB', this.line, this.column);
    if (this.isPrimitive) return 'more';
    if (this.inString) {
      if (this.isEscaped) this.isEscaped = false;
      else if (char === '\\') this.isEscaped = true;
      else if (char === '"') this.inString = false;
      return this.depth === 0 && !this.inString ? 'complete' : 'more';
    }
    if (char === '"') this.inString = true;
    else if (char === '{' || char === '[') this.depth += 1;
    else if (char === '}' || char === ']') this.depth -= 1;
    return this.depth === 0 ? 'complete' : 'more';
  }

  /** Text of a value that continues in the next chunk. */
  keep(text: string): void {
    this.parts.push(text);
  }

  element(tail: string): Element {
    const text = this.parts.join('') + tail;
    this.parts = [];
    return { text, line: this.line, column: this.column };
  }
}

function isSpace(char: string): boolean {
  return char === ' ' || char === '\n' || char === '\r' || char === '\t';
}
