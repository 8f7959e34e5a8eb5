import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from './server';
import { browserSuite, clickInPopup } from './harness';

const suite = browserSuite({ viewport: { width: 1360, height: 820 } });
const { newPage } = suite;

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${suite.baseUrl()}/`);
  await page.waitForURL('**/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('side-menu').waitFor();
}

const menuText = async (page: Page) => (await page.getByTestId('side-menu').textContent()) ?? '';

describe('console shell in Chromium', () => {
  it('admin sees the admin menu, switches to English and back, and logs out', async () => {
    const page = await newPage();
    await logIn(page, 'admin', ADMIN_PASSWORD);

    await page.getByTestId('welcome-card').waitFor();
    expect(await menuText(page)).toContain('用户管理');
    expect(await menuText(page)).toContain('API 令牌');
    expect(await page.getByTestId('user-menu').textContent()).toContain('系统管理员');

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('side-menu').getByText('Users', { exact: true }).waitFor();
    expect(await page.getByTestId('lang-switch').textContent()).toContain('中文');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // The choice survives a reload (localStorage), and the session does too (cookie).
    await page.reload();
    await page.getByTestId('side-menu').getByText('Users', { exact: true }).waitFor();
    expect(await menuText(page)).not.toContain('用户管理');

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('side-menu').getByText('用户管理', { exact: true }).waitFor();
    expect(await menuText(page)).not.toContain('Users');
    await page.screenshot({ path: '/tmp/carebridge-shell.png' });

    await page.getByTestId('side-menu').getByText('后台任务', { exact: true }).click();
    await page.waitForURL('**/admin/jobs');
    await page.getByTestId('jobs-table').getByText('清理过期会话').waitFor();
    await page.screenshot({ path: '/tmp/carebridge-jobs.png' });

    await page.getByTestId('user-menu').click();
    await clickInPopup(page.getByTestId('logout'));
    await page.waitForURL('**/login');
    await page.getByTestId('login-submit').waitFor();

    // The session is really gone: the console sends us back to the login page.
    await page.goto(`${suite.baseUrl()}/admin/users`);
    await page.waitForURL('**/login');
    await page.context().close();
  });

  it('a service agent sees no admin menu items and gets 403 on an admin page', async () => {
    const page = await newPage();
    await logIn(page, 'service_agent', DEMO_PASSWORD);

    await page.getByTestId('welcome-card').waitFor();
    const menu = await menuText(page);
    expect(menu).toContain('工作台');
    for (const adminItem of ['用户管理', 'API 令牌', '审计日志', '后台任务', '接口文档'])
      expect(menu).not.toContain(adminItem);

    await page.goto(`${suite.baseUrl()}/admin/users`);
    await page.getByTestId('page-403').waitFor();
    expect(await page.getByTestId('page-403').textContent()).toContain('无权访问');
    await page.screenshot({ path: '/tmp/carebridge-403.png' });
    await page.context().close();
  });

  it('shows the server’s localised error for a wrong password', async () => {
    const page = await newPage();
    await page.goto(`${suite.baseUrl()}/login`);
    await page.getByTestId('login-username').fill('doctor');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/[\u4e00-\u9fff]/);
    await page.context().close();
  });
});
