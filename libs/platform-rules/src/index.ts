/**
 * Platform text rules: the one table of limits (PLATFORM_RULES), counting as each platform counts
 * (measureText), checking a post (checkPost), shortening safely (truncateText) and laying out a post
 * within the rules (composePost), filling a campaign's copy templates from a product (fillTemplate), and
 * the http(s) URLs a post's tracked link replaces (findHttpUrls, replaceHttpUrl). Pure functions, no Nest;
 * used by copy, previews and publishing.
 */
export * from './platforms.js';
export {
  measureText,
  weightedLength,
  graphemeCount,
  codePointCount,
  emojiByteCount,
  countUnits,
  findUrls,
  type MeasureLimit,
  type ShortLinkSwap,
} from './measure.js';
export { findHttpUrls, isHttpUrl, isSameUrl, replaceHttpUrl, withShortLink } from './links.js';
export { extractHashtags, normaliseHashtag, uniqueHashtags, formatHashtags, unhashtag } from './hashtags.js';
export {
  truncateText,
  createTruncator,
  splitAtSafeBoundaries,
  ELLIPSIS,
  type TruncateOptions,
} from './truncate.js';
export { composePost, type PostParts, type ComposeOptions, type ComposedPost } from './compose.js';
export {
  checkPost,
  measureTags,
  type PostFields,
  type CheckOptions,
  type Violation,
  type PostMetrics,
  type PostCheck,
} from './check.js';
export {
  fillTemplate,
  formatPrice,
  placeholdersOf,
  unknownPlaceholders,
  TEMPLATE_PLACEHOLDERS,
  type TemplateFacts,
  type TemplatePlaceholder,
} from './copy-template.js';
