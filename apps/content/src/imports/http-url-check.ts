import { isURL } from 'class-validator';
import { HTTP_URL } from '@app/contracts';

const MAX_URL_LENGTH = 2048;
const MAX_REMEMBERED_ORIGINS = 1000;
const FORBIDDEN_CHARACTER = /[\s<>]/;

/**
 * Whether a text is an http(s) URL of at most 2048 characters, as class-validator's isURL decides. isURL judges
 * an http(s) URL by its characters and its scheme://authority part only (path, query and fragment are cut off
 * before the host is checked), so the verdict per authority is remembered: an import's URLs share few hosts.
 */
export class HttpUrlCheck {
  private readonly byOrigin = new Map<string, boolean>();

  isValid(url: string): boolean {
    if (url.length > MAX_URL_LENGTH) return false;
    const authorityStart = url.startsWith('https://') ? 8 : url.startsWith('http://') ? 7 : -1;
    if (authorityStart === -1 || FORBIDDEN_CHARACTER.test(url)) return isURL(url, HTTP_URL);
    const origin = url.slice(0, authorityEnd(url, authorityStart));
    let valid = this.byOrigin.get(origin);
    if (valid === undefined) {
      valid = isURL(origin, HTTP_URL);
      if (this.byOrigin.size < MAX_REMEMBERED_ORIGINS) this.byOrigin.set(origin, valid);
    }
    return valid;
  }
}

function authorityEnd(url: string, from: number): number {
  for (let index = from; index < url.length; index += 1) {
    const code = url.charCodeAt(index);
    if (code === 47 /* / */ || code === 63 /* ? */ || code === 35 /* # */) return index;
  }
  return url.length;
}
