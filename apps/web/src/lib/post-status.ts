// Words and colours of post states and platforms, shared by every page that shows posts. Colour is never the
// only cue: each state and platform also has its name.

export const STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  needs_review: 'Needs review',
  approved: 'Approved',
  scheduled: 'Scheduled',
  paused: 'Paused',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
  unconfirmed: 'Unconfirmed',
  cancelled: 'Cancelled',
  mixed: 'Mixed',
};

/** Badge colours that carry white text at AA contrast (4.5:1 or more). */
export const STATUS_COLORS: Record<string, string> = {
  draft: '#495057',
  needs_review: '#8a5a00',
  approved: '#0b7285',
  scheduled: '#1864ab',
  paused: '#364fc7',
  publishing: '#5f3dc4',
  published: '#087f5b',
  failed: '#c92a2a',
  unconfirmed: '#a34700',
  cancelled: '#343a40',
  mixed: '#862e9c',
};

export const PLATFORM_LABELS: Record<string, string> = {
  x: 'X',
  pinterest: 'Pinterest',
  facebook: 'Facebook',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  webhook: 'Webhook',
  manual: 'Manual',
};

/** Dark enough for white text (AA) on calendar events. */
export const PLATFORM_COLORS: Record<string, string> = {
  x: '#14171a',
  pinterest: '#b60020',
  facebook: '#1456c7',
  instagram: '#a3187a',
  tiktok: '#00676b',
  webhook: '#5a3fb0',
  manual: '#5c5f66',
};

export const statusLabel = (status: string) => STATUS_LABELS[status] ?? status;
export const statusColor = (status: string) => STATUS_COLORS[status] ?? '#495057';
export const platformLabel = (platform: string) => PLATFORM_LABELS[platform] ?? platform;
export const platformColor = (platform: string) => PLATFORM_COLORS[platform] ?? '#5c5f66';
