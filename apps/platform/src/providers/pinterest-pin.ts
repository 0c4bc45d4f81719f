import type { TargetOptions } from '@app/contracts';
import { findHttpUrls, isHttpUrl } from '@app/platform-rules';

export const PINTEREST_LIMITS = { title: 100, description: 800, link: 2048, images: 5 } as const;

const BOARD_ID = /^\d+$/;

/** The board a target goes to, when options.boardId is a Pinterest board id. */
export function boardIdOf(options: TargetOptions): string | null {
  const value = options.boardId;
  const id = typeof value === 'number' ? String(value) : value;
  return typeof id === 'string' && BOARD_ID.test(id) ? id : null;
}

/** The pin's destination: options.link when the user set one, otherwise the first URL in the text. */
export function pinLinkOf(text: string, options: TargetOptions): string | null {
  if (typeof options.link === 'string' && options.link.trim() !== '') return options.link.trim();
  return findHttpUrls(text)[0]?.url ?? null;
}

/** Rule violations of a Pinterest target that platform-rules does not cover (board, media, link). */
export function pinProblems(target: { text: string; mediaUrls: string[]; options: TargetOptions }): string[] {
  const problems: string[] = [];
  const boardId = target.options.boardId;
  if (boardId === undefined || boardId === null || boardId === '')
    problems.push(
      'pinterest.board.required: Pinterest needs a board: set options.boardId to one of GET /api/v1/connections/{id}/boards',
    );
  else if (!boardIdOf(target.options))
    problems.push('pinterest.board.invalid: options.boardId must be a Pinterest board id (digits only)');
  if (target.mediaUrls.length === 0)
    problems.push('pinterest.media.required: Pinterest needs an image or a video');
  if (target.mediaUrls.length > PINTEREST_LIMITS.images)
    problems.push(
      `pinterest.media.max: Pinterest allows at most ${PINTEREST_LIMITS.images} images in one pin`,
    );
  const link = pinLinkOf(target.text, target.options);
  if (link !== null && link.length > PINTEREST_LIMITS.link)
    problems.push(
      `pinterest.link.max: Pinterest allows links of at most ${PINTEREST_LIMITS.link} characters`,
    );
  if (link !== null && !isHttpUrl(link))
    problems.push('pinterest.link.invalid: options.link must be an http or https URL');
  return problems;
}
