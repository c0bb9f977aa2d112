// Chapter 2 in the browser: read it, run its first cells, see the live cluster.
import { expect, test, type Page } from '@playwright/test';

const CHAPTER = '/notebooks/kiamol-ch02';

function cell(page: Page, id: string) {
  return page.locator(`[data-cell-id="${id}"]`);
}

test('chapter 2 is readable before anything runs: title, metadata, table of contents, callouts, highlighted code', async ({ page }) => {
  await page.goto(CHAPTER);
  await expect(page.getByRole('heading', { level: 1, name: /2장 파드와 디플로이먼트/ })).toBeVisible();
  await expect(page.getByLabel('노트 정보')).toContainText('쿠버네티스 교과서');
  await expect(page.getByRole('navigation', { name: '목차' }).getByRole('link', { name: /2\.1 컨테이너와 파드/ })).toBeVisible();
  await expect(page.locator('aside.callout-tip').first()).toContainText('왜 컨테이너가 아니라 파드인가?');
  await expect(cell(page, 'run-hello-kiamol').locator('pre.shiki')).toContainText('kubectl run hello-kiamol');
  // the book's output is shown beside ours
  await expect(cell(page, 'run-hello-kiamol')).toContainText('책의 출력');
});

test('running the first cells creates hello-kiamol and the panel shows it Running', async ({ page }) => {
  await page.goto(CHAPTER);
  const run = cell(page, 'run-hello-kiamol');
  await run.getByRole('button', { name: '실행', exact: true }).click();
  await expect(run.getByTestId('cell-output')).toHaveText('pod/hello-kiamol created\n');
  await expect(run.locator('.exec-count')).toHaveText('[1]');

  const wait = cell(page, 'wait-hello-kiamol');
  await wait.getByRole('button', { name: '실행', exact: true }).click();
  await expect(wait.getByTestId('cell-output')).toContainText('pod/hello-kiamol condition met', { timeout: 30_000 });

  const panelPod = page.getByTestId('cluster-panel').locator('[data-pod="hello-kiamol"]');
  await expect(panelPod).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
  await expect(panelPod).toContainText('READY 1/1');

  const get = cell(page, 'get-pods-first');
  await get.getByRole('button', { name: '실행', exact: true }).click();
  await expect(get.getByTestId('cell-output')).toContainText(/hello-kiamol\s+1\/1\s+Running/);
  await get.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/screenshots/chapter2-ran-light.png' });
});

test('at mobile width in dark mode the docked panel shows the pod after a run', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(CHAPTER);
  const run = cell(page, 'run-hello-kiamol');
  await run.getByRole('button', { name: '실행', exact: true }).click();
  await expect(run.getByTestId('cell-output')).toHaveText('pod/hello-kiamol created\n');
  await expect(page.getByTestId('cluster-panel').locator('[data-pod="hello-kiamol"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('cluster-panel').locator('[data-pod="hello-kiamol"]')).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
  await page.screenshot({ path: 'e2e/screenshots/chapter2-ran-mobile-dark.png' });
  await page.getByRole('button', { name: '접기' }).click();
  await expect(page.getByTestId('cluster-panel').locator('[data-pod="hello-kiamol"]')).toBeHidden();
});

test('Shift+Enter runs the focused cell and restart marks earlier outputs stale', async ({ page }) => {
  await page.goto(CHAPTER);
  const run = cell(page, 'run-hello-kiamol');
  await run.locator('pre.shiki').focus();
  await page.keyboard.press('Shift+Enter');
  await expect(run.getByTestId('cell-output')).toHaveText('pod/hello-kiamol created\n');
  await expect(run).toHaveAttribute('data-status', 'done');

  await page.getByRole('toolbar', { name: '노트북 실행' }).getByRole('button', { name: '재시작' }).click();
  await expect(run).toHaveAttribute('data-stale', 'true');
  await expect(run).toContainText('지난 실행 (재시작 전)');

  // a fresh cluster: the same command succeeds again and counting starts over
  await run.getByRole('button', { name: '실행', exact: true }).click();
  await expect(run).toHaveAttribute('data-stale', 'false');
  await expect(run.locator('.exec-count')).toHaveText('[1]');
});
