const page = (title: string, message: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<meta name="robots" content="noindex"><title>${title}</title></head>` +
  `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">` +
  `<h1>${title}</h1><p>${message}</p></body></html>`;

export const notFoundPage = page('Link not found', 'This link does not exist or has been turned off.');
export const gonePage = page('Link expired', 'This link has expired and no longer leads anywhere.');
export const unavailablePage = page(
  'Try again in a moment',
  'This link cannot be looked up right now. Please try again in a few seconds.',
);
export const tooManyLookupsPage = page(
  'Try again in a minute',
  'Too many different links were opened from your network. Please try again in a minute.',
);
