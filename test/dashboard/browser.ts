// Debian's chromium driven by playwright-core (no browser download). Missing chromium fails the
// browser tests when CI=true and skips them, with a message, elsewhere.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumPresent = existsSync(CHROMIUM);

if (!chromiumPresent && process.env.CI === 'true')
  throw new Error(`${CHROMIUM} is missing (required when CI=true: apt-get install chromium)`);
if (!chromiumPresent) console.warn(`Skipping the dashboard browser tests: ${CHROMIUM} is missing`);

/** Headless chromium with the flags a container needs and nothing phoning home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
