/**
 * TikTok Content Posting rules the fake enforces, written from TikTok's Content Posting API reference and media
 * transfer guide independently of the provider.
 */
const MB = 1024 * 1024;

export const PRIVACY_LEVELS = [
  'PUBLIC_TO_EVERYONE',
  'MUTUAL_FOLLOW_FRIENDS',
  'FOLLOWER_OF_CREATOR',
  'SELF_ONLY',
];
export const VIDEO_TYPES = ['video/mp4', 'video/quicktime', 'video/webm'];
export const MAX_TITLE_UTF16 = 2200;

export interface FileUploadSource {
  source: 'FILE_UPLOAD';
  video_size: number;
  chunk_size: number;
  total_chunk_count: number;
}

export interface PullSource {
  source: 'PULL_FROM_URL';
  video_url: string;
}

export interface PostInfo {
  title?: string;
  privacy_level: string;
  disable_duet?: boolean;
  disable_comment?: boolean;
  disable_stitch?: boolean;
  video_cover_timestamp_ms?: number;
  brand_content_toggle?: boolean;
  brand_organic_toggle?: boolean;
  is_aigc?: boolean;
}

export interface InitBody {
  post_info: PostInfo;
  source_info: FileUploadSource | PullSource;
}

const POST_INFO_BOOLEANS = [
  'disable_duet',
  'disable_comment',
  'disable_stitch',
  'brand_content_toggle',
  'brand_organic_toggle',
  'is_aigc',
];
const POST_INFO_FIELDS = new Set([
  'title',
  'privacy_level',
  'video_cover_timestamp_ms',
  ...POST_INFO_BOOLEANS,
]);

/** The reason a /v2/post/publish/video/init/ body is invalid (`invalid_params`), or null. */
export function initBodyProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return 'body must be a JSON object';
  const { post_info: post, source_info: source } = body as Record<string, unknown>;
  if (typeof post !== 'object' || post === null) return 'post_info is required';
  const postInfo = post as Record<string, unknown>;
  const unknown = Object.keys(postInfo).filter((key) => !POST_INFO_FIELDS.has(key));
  if (unknown.length > 0) return `post_info has unknown fields: ${unknown.join(', ')}`;
  if (typeof postInfo.privacy_level !== 'string' || !PRIVACY_LEVELS.includes(postInfo.privacy_level))
    return 'post_info.privacy_level is required and must be a known privacy level';
  if (postInfo.title !== undefined && typeof postInfo.title !== 'string')
    return 'post_info.title must be a string';
  if (typeof postInfo.title === 'string' && postInfo.title.length > MAX_TITLE_UTF16)
    return `post_info.title must be at most ${MAX_TITLE_UTF16} UTF-16 units`;
  const wrongBoolean = POST_INFO_BOOLEANS.find(
    (key) => postInfo[key] !== undefined && typeof postInfo[key] !== 'boolean',
  );
  if (wrongBoolean) return `post_info.${wrongBoolean} must be a boolean`;
  return sourceProblem(source);
}

function sourceProblem(source: unknown): string | null {
  if (typeof source !== 'object' || source === null) return 'source_info is required';
  const info = source as Record<string, unknown>;
  if (info.source === 'PULL_FROM_URL')
    return typeof info.video_url === 'string' && /^https?:\/\//.test(info.video_url)
      ? null
      : 'source_info.video_url must be an http(s) URL';
  if (info.source !== 'FILE_UPLOAD') return 'source_info.source must be FILE_UPLOAD or PULL_FROM_URL';
  return chunkRuleProblem(Number(info.video_size), Number(info.chunk_size), Number(info.total_chunk_count));
}

/** TikTok's chunk rules (media transfer guide): 5–64 MB chunks, floor(size/chunk) of them, last ≤ 128 MB. */
export function chunkRuleProblem(
  videoSize: number,
  chunkSize: number,
  totalChunkCount: number,
): string | null {
  if (![videoSize, chunkSize, totalChunkCount].every((n) => Number.isSafeInteger(n) && n > 0))
    return 'video_size, chunk_size and total_chunk_count must be positive integers';
  if (videoSize < 5 * MB)
    return chunkSize === videoSize && totalChunkCount === 1
      ? null
      : 'a video under 5 MB must be one chunk with chunk_size equal to video_size';
  if (chunkSize < 5 * MB || chunkSize > 64 * MB) return 'chunk_size must be between 5 MB and 64 MB';
  if (totalChunkCount !== Math.floor(videoSize / chunkSize))
    return 'total_chunk_count must equal floor(video_size / chunk_size)';
  if (totalChunkCount > 1000) return 'total_chunk_count must be at most 1000';
  if (videoSize - (totalChunkCount - 1) * chunkSize > 128 * MB)
    return 'the last chunk must be at most 128 MB';
  return null;
}

/** Byte length TikTok expects of chunk `index` (the last one takes the remainder). */
export function expectedChunkLength(source: FileUploadSource, index: number): number {
  return index === source.total_chunk_count - 1
    ? source.video_size - index * source.chunk_size
    : source.chunk_size;
}

/** Whether the bytes look like a video TikTok can read (ISO-BMFF `ftyp` or WebM/EBML). */
export function isVideoContainer(bytes: Buffer): boolean {
  return (
    bytes.toString('latin1', 4, 8) === 'ftyp' ||
    bytes.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))
  );
}
