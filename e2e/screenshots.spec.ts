// Screenshots for a person to look at (Hangul must render in the served fonts, not as tofu boxes),
// plus a check that the Korean web fonts really loaded.
import { expect, test } from '@playwright/test';

const CHAPTER = '/notebooks/kiamol-ch02';

test('the Korean web fonts are loaded from this server for body text and outputs', async ({ page }) => {
  await page.goto(CHAPTER);
  await page.evaluate(() => document.fonts.ready);
  const loaded = await page.evaluate(() => ({
    body: document.fonts.check('16px "Noto Sans KR"', '파드'),
    mono: document.fonts.check('16px "Nanum Gothic Coding"', '파드'),
  }));
  expect(loaded).toEqual({ body: true, mono: true });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`chapter 2 in ${scheme} mode renders for a screenshot`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(CHAPTER);
    await page.evaluate(() => document.fonts.ready);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe(scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');
    await page.screenshot({ path: `e2e/screenshots/chapter2-${scheme}.png` });
  });
}

test('chapter 2 at mobile width has no horizontal page scroll', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(CHAPTER);
  await page.evaluate(() => document.fonts.ready);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'e2e/screenshots/chapter2-mobile.png' });
});

test('the library shows how many cells this browser has run in a chapter', async ({ page }) => {
  await page.goto(CHAPTER);
  const run = page.locator('[data-cell-id="run-hello-kiamol"]');
  await run.getByRole('button', { name: '실행', exact: true }).click();
  await expect(run).toHaveAttribute('data-status', 'done');
  await page.goto('/');
  const card = page.locator('.chapters li').filter({ hasText: '2장 파드와 디플로이먼트' });
  await expect(card.locator('.progress')).toContainText(/진행률: 1\/\d+ 셀 실행/);
});

test('the library lists chapter 2 and links to it', async ({ page }) => {
  await page.goto('/');
  const link = page.getByRole('link', { name: /2장 파드와 디플로이먼트/ });
  await expect(link).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/library.png', fullPage: true });
  await link.click();
  await expect(page).toHaveURL(/\/notebooks\/kiamol-ch02$/);
});

test('the theme toggle switches to dark mode and remembers it across pages', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const toggle = page.getByRole('button', { name: /화면 테마/ });
  await toggle.click(); // system → light
  await toggle.click(); // light → dark
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.goto(CHAPTER);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(13, 17, 23)');
  await page.screenshot({ path: 'e2e/screenshots/chapter2-dark-toggle.png' });
});

test('the skip link is the first stop for the keyboard and moves focus to the content', async ({ page }) => {
  await page.goto(CHAPTER);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '본문으로 건너뛰기' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});
