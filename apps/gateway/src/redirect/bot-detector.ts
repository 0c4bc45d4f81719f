import { createIsBotFromList, list } from 'isbot';

/**
 * Link-preview fetchers that unfurl a shared link, as exact names added to isbot's own list: their visits
 * inflate counts without a human behind them. Each name is the fetcher's, never the app's: Pinterest's,
 * Snapchat's, Viber's and WhatsApp's in-app browsers carry the app's name too, and those visits are people.
 * WhatsApp's fetcher is anchored because its agent starts with the name ("WhatsApp/2.23.20.0 A"), while its
 * in-app browser only ends with it.
 */
const LINK_PREVIEW_FETCHERS = [
  'facebookexternalhit',
  'facebookcatalog',
  'facebot',
  'meta-externalagent',
  'meta-externalfetcher',
  'twitterbot',
  'pinterestbot',
  '^pinterest/0\\.',
  'linkedinbot',
  'slackbot-linkexpanding',
  'discordbot',
  'telegrambot',
  '^whatsapp/',
  'snap url preview service',
  'snapchat creative kit web share',
  'redditbot',
  'skypeuripreview',
  'embedly',
  'iframely',
  'bitlybot',
  'vkshare',
  'applebot',
  'google-inspectiontool',
  'bluesky cardyb',
  '^mastodon/',
];

const isKnownBot = createIsBotFromList([...list, ...LINK_PREVIEW_FETCHERS]);

/** Whether a visit is a bot's: a known crawler user agent, a link preview, no user agent, or a HEAD request. */
export function isBotVisit(method: string, userAgent: string | undefined): boolean {
  if (method === 'HEAD') return true;
  if (!userAgent) return true;
  return isKnownBot(userAgent);
}
