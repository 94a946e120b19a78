import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's chromium, driven by playwright-core (Playwright's own browser download can't run here). CHROMIUM_PATH
 * overrides the path.
 */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `The browser tests need Debian's chromium at ${path} (not found).\n` +
        'Install it with: apt-get update && apt-get install -y chromium   (.ci/run does this when it is missing),\n' +
        'or point CHROMIUM_PATH at a Chromium/Chrome binary.',
    );
  }
  return path;
}

/**
 * Headless, and quiet: no background networking, component updates, sync or first-run traffic, so the only requests
 * the browser makes are the page's own (the closed network refuses anything else anyway).
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
