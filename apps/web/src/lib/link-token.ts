/**
 * The token of a link Shopcast mailed (`/verify-email#token=…`, `/invitation#token=…`). It travels in the
 * fragment, which browsers never send to a server, so it stays out of access logs and Referer headers.
 */
export function linkToken(hash: string = window.location.hash): string | undefined {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? undefined;
}
