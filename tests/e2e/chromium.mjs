// Launching Debian's Chromium with the built extension loaded: shared by the Chromium tests and
// scripts/screenshot.mjs.
import { chromium } from 'playwright-core';
import { EXTENSION_DIR } from './scenario.mjs';

export const CHROMIUM = process.env.CHAFF_CHROMIUM || '/usr/bin/chromium';
/** Flags for this network: no background traffic, no QUIC, no sandbox (CI runs as root). */
export const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A persistent context in `profile` with the extension loaded, and the extension's id. */
export async function launchChromium(profile) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, ...FLAGS],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  return { context, extensionId: new URL(worker.url()).host };
}
