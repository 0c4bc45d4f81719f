import twitterText from 'twitter-text';

const NOT_TAG_CHARACTER = /[^\p{L}\p{M}\p{N}_]/gu;
const HAS_LETTER = /\p{L}/u;

/** The hashtags in a text (without `#`), found the way X finds them; also used to count for other platforms. */
export function extractHashtags(text: string): string[] {
  return twitterText.extractHashtags(text);
}

/**
 * A hashtag body made from any phrase: spaces and punctuation removed ("Mother's Day" -> "MothersDay"),
 * words joined. Null when nothing usable is left (no letter: `#2024` is not a hashtag anywhere) or when
 * the result would not be recognised as one whole hashtag.
 */
export function normaliseHashtag(raw: string): string | null {
  const words = raw.replace(/^#+/, '').split(/[\s\-_/]+/u);
  const joined = words
    .map((word) => word.replace(NOT_TAG_CHARACTER, ''))
    .filter(Boolean)
    .map((word, index) => (index === 0 ? word : capitaliseFirst(word)))
    .join('');
  if (joined === '' || !HAS_LETTER.test(joined)) return null;
  // Only what X (and the platforms that link hashtags like it) would recognise as one whole hashtag.
  const [recognised] = twitterText.extractHashtags(`#${joined}`);
  return recognised === joined ? joined : null;
}

/** Normalised, de-duplicated ignoring case (first spelling kept), in order. */
export function uniqueHashtags(raws: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of raws) {
    const tag = normaliseHashtag(raw);
    if (tag === null) continue;
    const key = tag.toLocaleLowerCase('en');
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
  }
  return result;
}

/** `#tag #tag2` from bodies without `#`. */
export function formatHashtags(tags: readonly string[]): string {
  return tags.map((tag) => `#${tag}`).join(' ');
}

/** The text with every `#` of a hashtag removed, so a product's own text adds no hashtags to a post. */
export function unhashtag(text: string): string {
  const entities = twitterText.extractHashtagsWithIndices(text);
  if (entities.length === 0) return text;
  let result = text;
  // From the end, so earlier offsets stay valid.
  for (const entity of [...entities].reverse()) {
    const start = entity.indices[0];
    result = result.slice(0, start) + result.slice(start + 1);
  }
  // Removing one `#` can make a new hashtag ("##A" -> "#A"): again until none is left (each pass is shorter).
  return unhashtag(result);
}

function capitaliseFirst(word: string): string {
  const [first = '', ...rest] = word;
  return first.toLocaleUpperCase('en') + rest.join('');
}
