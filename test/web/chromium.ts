import { type Browser, chromium } from 'playwright-core';
import { processEnv } from '@app/config';

/** Debian's Chromium (browsers cannot be downloaded here); CHROMIUM_PATH points elsewhere. */
const CHROMIUM = processEnv().CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps calling Google's hosts, which this network refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, headless, quiet on the network; usable from tests and benches alike (no Jest here). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
