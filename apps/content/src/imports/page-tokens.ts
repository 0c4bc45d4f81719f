import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/** What a product page's markup holds for the pre-fill: meta tags, the first <title>, JSON-LD scripts. */
export interface PageTokens {
  /** Meta content by lower-cased property, name or itemprop, entities decoded, in page order. */
  meta: Map<string, string[]>;
  title: string | null;
  /** The text of each `<script type="application/ld+json">`, unparsed. */
  jsonLd: string[];
}

/** More values than any field keeps (at most 20 images), so a page of repeated tags costs no memory. */
const MAX_VALUES_PER_META = 20;
const MAX_JSON_LD_SCRIPTS = 20;

/**
 * Reads the tags a pre-fill needs with htmlparser2's tokenizer: one linear pass whatever the markup (unclosed
 * tags, `<meta` repeated without `>`, deep nesting), entities decoded by its `entities` decoder. The tokenizer
 * alone, not htmlparser2's Parser: the Parser's open-element stack makes stray close tags quadratic.
 */
export function readPageTokens(html: string): PageTokens {
  const tokens: PageTokens = { meta: new Map(), title: null, jsonLd: [] };
  const scan = new TagScan(html, (tag, attributes, text) => collect(tokens, tag, attributes, text));
  const tokenizer = new Tokenizer({ decodeEntities: true }, scan);
  tokenizer.write(html);
  tokenizer.end();
  return tokens;
}

/** The text of an HTML fragment: tags dropped, entities decoded (a JSON-LD description may hold markup). */
export function textOfHtml(fragment: string): string {
  const text = new TextRuns(fragment);
  const space = () => text.addCodePoint(0x20); // a tag separates words, as a browser's block layout would
  const callbacks: TokenizerCallbacks = {
    ...IGNORED,
    onopentagname: space,
    onclosetag: space,
    ontext: (start, end) => text.add(start, end),
    ontextentity: (codepoint) => text.addCodePoint(codepoint),
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(fragment);
  tokenizer.end();
  return text.value();
}

/**
 * Text built from the tokenizer's pieces of one source string: adjacent ranges are merged before they are
 * sliced, since the tokenizer reports text such as `<<<<` one character at a time.
 */
class TextRuns {
  private readonly parts: string[] = [];
  private start = 0;
  private end = 0;

  constructor(private readonly source: string) {}

  add(start: number, end: number): void {
    if (start !== this.end || this.start === this.end) this.flush(start);
    this.end = end;
  }

  addCodePoint(codepoint: number): void {
    this.flush(this.end);
    this.parts.push(String.fromCodePoint(codepoint));
  }

  value(): string {
    this.flush(this.end);
    return this.parts.join('');
  }

  private flush(next: number): void {
    if (this.end > this.start) this.parts.push(this.source.slice(this.start, this.end));
    this.start = next;
    this.end = next;
  }
}

function collect(
  tokens: PageTokens,
  tag: string,
  attributes: Map<string, string>,
  text: string | null,
): void {
  if (tag === 'meta') {
    const name = (
      attributes.get('property') ??
      attributes.get('name') ??
      attributes.get('itemprop')
    )?.toLowerCase();
    const content = attributes.get('content');
    if (!name || content === undefined) return;
    const values = tokens.meta.get(name) ?? [];
    if (values.length < MAX_VALUES_PER_META) values.push(content);
    tokens.meta.set(name, values);
  } else if (tag === 'title' && text !== null) {
    tokens.title ??= text;
  } else if (tag === 'script' && text !== null && tokens.jsonLd.length < MAX_JSON_LD_SCRIPTS) {
    tokens.jsonLd.push(text);
  }
}

type TagFound = (tag: string, attributes: Map<string, string>, text: string | null) => void;

const IGNORED: TokenizerCallbacks = {
  onattribdata: () => undefined,
  onattribentity: () => undefined,
  onattribend: () => undefined,
  onattribname: () => undefined,
  oncdata: () => undefined,
  onclosetag: () => undefined,
  oncomment: () => undefined,
  ondeclaration: () => undefined,
  onend: () => undefined,
  onopentagend: () => undefined,
  onopentagname: () => undefined,
  onprocessinginstruction: () => undefined,
  onselfclosingtag: () => undefined,
  ontext: () => undefined,
  ontextentity: () => undefined,
};

/** Turns the tokenizer's events into `<meta>` tags, and `<title>` and JSON-LD `<script>` elements with their text. */
class TagScan implements TokenizerCallbacks {
  private tag = '';
  private attributes = new Map<string, string>();
  private attributeName = '';
  private attributeValue: TextRuns;
  /** The element whose text is being read (title or JSON-LD script), with the text so far. */
  private reading: { tag: string; attributes: Map<string, string>; text: TextRuns } | null = null;

  constructor(
    private readonly html: string,
    private readonly found: TagFound,
  ) {
    this.attributeValue = new TextRuns(html);
  }

  onopentagname(start: number, end: number): void {
    this.tag = this.html.slice(start, end).toLowerCase();
    this.attributes = new Map();
  }

  onattribname(start: number, end: number): void {
    this.attributeName = this.html.slice(start, end).toLowerCase();
    this.attributeValue = new TextRuns(this.html);
  }

  onattribdata(start: number, end: number): void {
    this.attributeValue.add(start, end);
  }

  onattribentity(codepoint: number): void {
    this.attributeValue.addCodePoint(codepoint);
  }

  onattribend(): void {
    if (!this.attributes.has(this.attributeName))
      this.attributes.set(this.attributeName, this.attributeValue.value());
  }

  onopentagend(): void {
    if (this.tag === 'meta') this.found('meta', this.attributes, null);
    else if (this.tag === 'title' || (this.tag === 'script' && isJsonLd(this.attributes))) {
      this.reading = { tag: this.tag, attributes: this.attributes, text: new TextRuns(this.html) };
    }
  }

  onselfclosingtag(): void {
    this.onopentagend();
    if (this.reading?.tag === this.tag) this.reading = null; // <script/> has no text
  }

  ontext(start: number, end: number): void {
    this.reading?.text.add(start, end);
  }

  ontextentity(codepoint: number): void {
    this.reading?.text.addCodePoint(codepoint);
  }

  onclosetag(start: number, end: number): void {
    const reading = this.reading;
    if (!reading || this.html.slice(start, end).toLowerCase() !== reading.tag) return;
    this.reading = null;
    this.found(reading.tag, reading.attributes, reading.text.value());
  }

  oncdata(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onend(): void {}
  onprocessinginstruction(): void {}
}

function isJsonLd(attributes: Map<string, string>): boolean {
  return attributes.get('type')?.trim().toLowerCase() === 'application/ld+json';
}
