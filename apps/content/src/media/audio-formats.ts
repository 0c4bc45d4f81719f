/**
 * The audio uploads accepted as video music (MP3, AAC/ADTS, M4A, WAV, Ogg), by the MIME type their content
 * was detected as, with the ffmpeg demuxer that reads each. ffmpeg is always told the demuxer: left to guess,
 * it takes a file that passed as MP3 for an HLS playlist or a concat list and opens the files it names.
 */
export const AUDIO_DEMUXERS: ReadonlyMap<string, string> = new Map([
  ['audio/mpeg', 'mp3'],
  ['audio/aac', 'aac'],
  ['audio/mp4', 'mov'],
  ['audio/x-m4a', 'mov'],
  ['audio/wav', 'wav'],
  ['audio/ogg', 'ogg'],
]);
