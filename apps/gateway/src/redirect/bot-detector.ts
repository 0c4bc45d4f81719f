import { isbot } from 'isbot';

/**
 * Link-preview fetchers that unfurl a shared link (several are not in isbot's list, or identify as a
 * normal browser with a suffix); their visits inflate counts without a human behind them.
 */
const PREVIEW_CRAWLERS =
  /facebookexternalhit|facebot|meta-externalagent|twitterbot|linkedinbot|slackbot|discordbot|telegrambot|whatsapp|pinterest|redditbot|skypeuripreview|embedly|iframely|mastodon|pleroma|misskey|akkoma|bitlybot|vkshare|viber|snapchat|applebot|google-inspectiontool/i;

/** Whether a visit is a bot's: a known crawler user agent, a link preview, no user agent, or a HEAD request. */
export function isBotVisit(method: string, userAgent: string | undefined): boolean {
  if (method === 'HEAD') return true;
  if (!userAgent) return true;
  return PREVIEW_CRAWLERS.test(userAgent) || isbot(userAgent);
}
