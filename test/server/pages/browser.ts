// A real browser for the page tests: the system's Chromium driven by playwright-core (no browser download).
// ET_FAKE_CHROMIUM names the executable; without it the usual Debian/Ubuntu paths are tried.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function chromiumPath(): string {
  const named = process.env.ET_FAKE_CHROMIUM;
  if (named) {
    if (!existsSync(named)) throw new Error(`ET_FAKE_CHROMIUM is ${named}, which does not exist. Point it at a Chromium or Chrome executable.`);
    return named;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found)
    throw new Error(
      `The page tests need Chromium and found none (tried ${CANDIDATES.join(', ')}). Install it (apt-get install -y chromium; .ci/run does this) or set ET_FAKE_CHROMIUM to its executable.`,
    );
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}
