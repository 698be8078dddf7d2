import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Headless Chromium for the console tests: the system's Chromium (Debian's `chromium` package,
 * or CHROMIUM_PATH), driven by playwright-core, which downloads no browser of its own.
 */

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const HOW = [
  'The console tests drive a headless Chromium and none was found.',
  'Install it: apt-get install -y chromium (Debian/Ubuntu; .ci/run does this when it is missing),',
  'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
].join(' ');

const found = () => [process.env.CHROMIUM_PATH, ...CANDIDATES].find((p): p is string => !!p && existsSync(p));

/** The Chromium binary; installs Debian's package when it is missing and we may (root with apt-get), else says how. */
export function chromiumPath(): string {
  const existing = found();
  if (existing) return existing;
  if (process.env.CHROMIUM_PATH)
    throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist. ${HOW}`);
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    process.stdout.write('Chromium is missing: apt-get install -y chromium (once)…\n');
    try {
      execFileSync(
        'sh',
        ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'],
        {
          stdio: 'ignore',
          timeout: 540_000,
        },
      );
    } catch (e) {
      throw new Error(`apt-get install -y chromium failed (${(e as Error).message.split('\n')[0]}). ${HOW}`);
    }
    const installed = found();
    if (installed) return installed;
  }
  throw new Error(HOW);
}

// The flags a sandboxed CI machine needs, and no traffic of Chromium's own (updates, sync, QUIC probes).
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Saves a full-page screenshot under the test output directory and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Screenshots go here (git-ignored): `packages/aigateway-emulator/test-output/console/`. */
export const SCREENSHOTS = join(import.meta.dirname, '../../test-output/console');

/** A fresh browser (its own new user-data-dir) with one page; page errors fail loudly. */
export async function openBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'aig-console-chromium-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // Fail with Playwright's message (what it waited for) well before the test's own timeout.
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    context,
    page,
    async screenshot(name) {
      if (errors.length > 0) throw new Error(`The page threw: ${errors.join('; ')}`);
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
