// @ts-expect-error -- ua-parser-js 1.x (MIT; 2.x is AGPL) ships no type declarations
import { UAParser as UntypedParser } from 'ua-parser-js';

interface UAParserResult {
  browser: { name?: string };
  os: { name?: string };
  device: { type?: string };
}

const UAParser = UntypedParser as new (userAgent: string) => { getResult(): UAParserResult };

export interface ParsedUserAgent {
  /** `mobile`, `tablet`, `smarttv`, ... or `desktop` when the agent names no device type. */
  device: string;
  browser: string | null;
  os: string | null;
}

/** Device type, browser and operating system named by a user agent string. */
export function parseUserAgent(userAgent: string): ParsedUserAgent {
  const result = new UAParser(userAgent).getResult();
  return {
    device: result.device.type ?? 'desktop',
    browser: result.browser.name ?? null,
    os: result.os.name ?? null,
  };
}
