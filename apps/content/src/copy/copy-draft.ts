/** Copy before it is fitted to a platform: the generator's (template or model) raw material. */
export interface CopyDraft {
  /** The message, without hashtags, link or disclosure. */
  body: string;
  title?: string;
  altText?: string;
  /** Hashtag ideas of the model, without `#`; template drafts leave this to the hashtag generator. */
  hashtags?: string[];
  /** Listing tags of the model (Etsy, YouTube). */
  tags?: string[];
}
