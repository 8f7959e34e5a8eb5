import { afterAll, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startServer, type RunningServer } from './server';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface BrowserSuite {
  /** The server's address (known once the suite's beforeAll has run). */
  baseUrl: () => string;
  /** A fresh browser context (own cookies) in zh-CN. */
  newPage: () => Promise<Page>;
  /** Signs in through the login page and waits for the console's menu. */
  logIn: (page: Page, username: string, password: string) => Promise<void>;
  /** Signs in through the API: the session cookie and its CSRF token, for preparing data. */
  apiLogin: (username: string, password: string) => Promise<{ cookie: string; csrfToken: string }>;
}

/**
 * A real `carebridge all` (on a fresh embedded database, with `demoPatients` generated patients) and Debian's
 * Chromium for the test file; both stopped after it. CAREBRIDGE_TEST_URL points the tests at a server that is
 * already running instead (while developing the console).
 */
export function browserSuite(
  options: { demoPatients?: number; viewport?: { width: number; height: number } } = {},
): BrowserSuite {
  const viewport = options.viewport ?? { width: 1440, height: 900 };
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    const external = process.env.CAREBRIDGE_TEST_URL;
    if (external) baseUrl = external;
    else {
      server = await startServer(options.demoPatients ? { demoPatients: options.demoPatients } : {});
      baseUrl = server.baseUrl;
    }
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  return {
    baseUrl: () => baseUrl,
    newPage: async () => {
      const context = await browser!.newContext({ viewport, locale: 'zh-CN' });
      return context.newPage();
    },
    logIn: async (page, username, password) => {
      await page.goto(`${baseUrl}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('side-menu').waitFor();
    },
    apiLogin: async (username, password) => {
      const login = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      expect(login.status).toBe(200);
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      return { cookie, csrfToken };
    },
  };
}

const POPUPS = '.ant-dropdown, .ant-select-dropdown, .ant-popover, .ant-picker-dropdown';

/** The part of the Web Animations API used below (the tests compile without the DOM library). */
interface RunningAnimation {
  effect: { getTiming(): { iterations?: number } } | null;
  finished: Promise<unknown>;
}
type Animated = { getAnimations(options: { subtree: boolean }): RunningAnimation[] };

/**
 * Clicks an item of an antd popup (dropdown menu, select list) once the popup has finished opening. antd
 * opens popups with a slide-up motion, and Playwright's "stable" check can pass in the motion's slow tail;
 * mousedown and mouseup then land on different nodes, the browser never makes a click, and Playwright does
 * not retry an effect it cannot see (a lost logout click failed CI this way).
 */
export async function clickInPopup(item: Locator): Promise<void> {
  await item.waitFor();
  await item.evaluate(async (el, selector) => {
    const popup = (el.closest(selector) ?? el) as unknown as Animated;
    const opening = popup
      .getAnimations({ subtree: true })
      .filter((animation) => animation.effect?.getTiming().iterations !== Infinity);
    await Promise.all(opening.map((animation) => animation.finished.catch(() => undefined)));
  }, POPUPS);
  await item.click();
}
