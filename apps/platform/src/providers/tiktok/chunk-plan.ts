/** TikTok's FILE_UPLOAD chunk rules (media transfer guide), in bytes. */
export const MIB = 1024 * 1024;
export const MIN_CHUNK_BYTES = 5 * MIB;
export const MAX_CHUNK_BYTES = 64 * MIB;
export const MAX_CHUNK_COUNT = 1000;

export interface ChunkRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive (as Content-Range writes it). */
  end: number;
}

export interface ChunkPlan {
  videoSize: number;
  chunkSize: number;
  totalChunkCount: number;
  chunks: ChunkRange[];
}

/**
 * Splits a video of `videoSize` bytes as TikTok requires: under 5 MiB one chunk of the whole file;
 * otherwise chunks of `preferredChunkSize` (clamped to 5–64 MiB, raised when 1,000 chunks would not
 * do), `floor(size / chunkSize)` of them, the last one absorbing the remainder (at most 128 MiB).
 */
export function planChunks(videoSize: number, preferredChunkSize = 10 * MIB): ChunkPlan {
  if (!Number.isSafeInteger(videoSize) || videoSize <= 0)
    throw new RangeError(`A video must have a positive size, not ${videoSize}`);
  if (videoSize < MIN_CHUNK_BYTES) return wholeFile(videoSize);
  let chunkSize = Math.min(MAX_CHUNK_BYTES, Math.max(MIN_CHUNK_BYTES, Math.floor(preferredChunkSize)));
  if (videoSize <= chunkSize) return wholeFile(videoSize);
  if (Math.floor(videoSize / chunkSize) > MAX_CHUNK_COUNT) chunkSize = Math.ceil(videoSize / MAX_CHUNK_COUNT);
  if (chunkSize > MAX_CHUNK_BYTES)
    throw new RangeError(`A video of ${videoSize} bytes does not fit in ${MAX_CHUNK_COUNT} chunks`);
  const totalChunkCount = Math.floor(videoSize / chunkSize);
  const chunks = Array.from({ length: totalChunkCount }, (_, index) => ({
    start: index * chunkSize,
    end: index === totalChunkCount - 1 ? videoSize - 1 : (index + 1) * chunkSize - 1,
  }));
  return { videoSize, chunkSize, totalChunkCount, chunks };
}

function wholeFile(videoSize: number): ChunkPlan {
  return {
    videoSize,
    chunkSize: videoSize,
    totalChunkCount: 1,
    chunks: [{ start: 0, end: videoSize - 1 }],
  };
}
