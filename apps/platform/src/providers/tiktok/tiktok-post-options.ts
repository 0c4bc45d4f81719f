import type { TargetOptions } from '@app/contracts';
import { PublishError } from '../provider.js';

export const PRIVACY_LEVELS = [
  'PUBLIC_TO_EVERYONE',
  'MUTUAL_FOLLOW_FRIENDS',
  'FOLLOWER_OF_CREATOR',
  'SELF_ONLY',
] as const;
export type PrivacyLevel = (typeof PRIVACY_LEVELS)[number];

export const VIDEO_SOURCES = ['FILE_UPLOAD', 'PULL_FROM_URL'] as const;
export type VideoSource = (typeof VIDEO_SOURCES)[number];

/** A TikTok target's options as the user set them (privacy unset means: choose from what the creator allows). */
export interface TikTokPostOptions {
  privacyLevel: PrivacyLevel | null;
  disableComment: boolean;
  disableDuet: boolean;
  disableStitch: boolean;
  source: VideoSource;
}

const BOOLEAN_OPTIONS = ['disableComment', 'disableDuet', 'disableStitch'] as const;
const KNOWN_OPTIONS = new Set<string>(['privacyLevel', 'source', ...BOOLEAN_OPTIONS]);

/** Each problem of a target's options as a sentence naming the rule; empty when they are usable. */
export function tiktokOptionProblems(options: TargetOptions): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(options))
    if (!KNOWN_OPTIONS.has(key))
      problems.push(
        `tiktok.options.unknown: TikTok has no option "${key}" (known: ${[...KNOWN_OPTIONS].join(', ')})`,
      );
  const privacy = options.privacyLevel;
  if (privacy !== undefined && privacy !== null && !PRIVACY_LEVELS.includes(privacy as PrivacyLevel))
    problems.push(`tiktok.options.privacyLevel: privacyLevel must be one of ${PRIVACY_LEVELS.join(', ')}`);
  const source = options.source;
  if (source !== undefined && source !== null && !VIDEO_SOURCES.includes(source as VideoSource))
    problems.push(`tiktok.options.source: source must be one of ${VIDEO_SOURCES.join(', ')}`);
  for (const key of BOOLEAN_OPTIONS)
    if (options[key] !== undefined && options[key] !== null && typeof options[key] !== 'boolean')
      problems.push(`tiktok.options.${key}: ${key} must be true or false`);
  return problems;
}

/** The options of a target that passed tiktokOptionProblems; a rejection if they did not. */
export function readTikTokPostOptions(options: TargetOptions): TikTokPostOptions {
  const problems = tiktokOptionProblems(options);
  if (problems.length > 0) throw new PublishError('rejected_content', problems.join('; '));
  return {
    privacyLevel: (options.privacyLevel as PrivacyLevel | null | undefined) ?? null,
    disableComment: options.disableComment === true,
    disableDuet: options.disableDuet === true,
    disableStitch: options.disableStitch === true,
    source: (options.source as VideoSource | null | undefined) ?? 'FILE_UPLOAD',
  };
}

/**
 * The privacy level to post with: the user's choice, else public when the creator may post publicly,
 * else SELF_ONLY; a level the creator does not offer is the user's to fix.
 */
export function choosePrivacyLevel(wanted: PrivacyLevel | null, offered: string[]): PrivacyLevel {
  const level = wanted ?? (offered.includes('PUBLIC_TO_EVERYONE') ? 'PUBLIC_TO_EVERYONE' : 'SELF_ONLY');
  if (!offered.includes(level))
    throw new PublishError(
      'rejected_content',
      `This TikTok account cannot post with privacy level ${level}; it allows ${offered.join(', ') || 'none'}`,
    );
  return level;
}
