import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { copyAs, writePng } from './support/files';
import { targetDir } from './support/paths';
import { startService, type Service } from './support/service';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} not found (apt-get install -y chromium)`;

describe('the demo page at / in headless Chromium', { skip }, () => {
  let service: Service;
  let browser: Browser;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sdk-browser-'));
    service = await startService();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  after(async () => {
    await browser?.close();
    await service?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function chooseAndWait(page: Page, files: string[]): Promise<string> {
    await page.setInputFiles('#files', files);
    await page.waitForSelector('#summary[data-done="true"]', { timeout: 60_000 });
    return (await page.textContent('#summary')) ?? '';
  }

  it('dev login, family + album, 3 images of which 1 the family has: 2 uploaded, 1 instant, 3 rendered in the grid', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}${new URL(r.url()).search}`));

    // pageSize=2: the album's 3 photos take two pages, so the grid must page (scroll) to show them all.
    await page.goto(`${service.url}/?pageSize=2`);
    assert.equal(await page.title(), 'direct-upload · family album');
    await page.fill('#user', 'alice');
    await page.click('#dev-login');
    await page.waitForSelector('#signed-in:not([hidden])');
    assert.match((await page.textContent('#whoami')) ?? '', /alice/);

    await page.fill('#family-name', 'Browser family');
    await page.click('#create-family');
    await page.waitForFunction(() => (document.querySelector('#family-select') as HTMLSelectElement).selectedOptions[0]?.textContent === 'Browser family');
    await page.fill('#album-name', 'Earlier');
    await page.click('#create-album');
    await page.waitForFunction(() => (document.querySelector('#album-select') as HTMLSelectElement).selectedOptions[0]?.textContent === 'Earlier');

    const sunrise = writePng(dir, 'sunrise.png', 11, 160, 120);
    const lake = writePng(dir, 'lake.png', 22, 200, 150);
    const garden = writePng(dir, 'garden.png', 33, 120, 160);
    assert.equal(await chooseAndWait(page, [sunrise.path]), '1 uploaded, 0 instant');

    await page.fill('#album-name', 'New year');
    await page.click('#create-album');
    await page.waitForFunction(() => (document.querySelector('#album-select') as HTMLSelectElement).selectedOptions[0]?.textContent === 'New year');
    const uploadsBefore = requests.filter((r) => r.startsWith('POST /local-oss/')).length;
    const again = copyAs(dir, sunrise, 'sunrise-again.png');
    const summary = await chooseAndWait(page, [again.path, lake.path, garden.path]);
    assert.equal(summary, '2 uploaded, 1 instant');
    const rows = await page.$$eval('#upload-list li', (items) => items.map((li) => (li as HTMLElement).dataset.status));
    assert.deepEqual(rows, ['instant', 'uploaded', 'uploaded']);
    assert.equal(requests.filter((r) => r.startsWith('POST /local-oss/')).length - uploadsBefore, 2, 'the known image was not uploaded');
    const bars = await page.$$eval('#upload-list progress', (els) => els.map((p) => [(p as HTMLProgressElement).value, (p as HTMLProgressElement).max]));
    for (const [value, max] of bars) assert.equal(value, max, 'every bar full');

    // The grid: scroll until all three are there, each image decoded with its real size.
    await page.waitForFunction(
      () => {
        document.querySelector('#sentinel')?.scrollIntoView();
        const imgs = Array.from(document.querySelectorAll<HTMLImageElement>('#grid img'));
        return imgs.length === 3 && imgs.every((img) => img.complete && img.naturalWidth > 0);
      },
      undefined,
      { timeout: 30_000, polling: 200 },
    );
    const rendered = await page.$$eval('#grid img', (imgs) =>
      imgs.map((img) => ({ alt: (img as HTMLImageElement).alt, w: (img as HTMLImageElement).naturalWidth, h: (img as HTMLImageElement).naturalHeight })),
    );
    const sizes = new Map([['sunrise-again.png', [160, 120]], ['lake.png', [200, 150]], ['garden.png', [120, 160]]]);
    assert.deepEqual(new Set(rendered.map((r) => r.alt)), new Set(sizes.keys()));
    for (const r of rendered) assert.deepEqual([r.w, r.h], sizes.get(r.alt), r.alt);
    const pages = requests.filter((r) => /^GET \/albums\/[^/]+\/photos\?limit=2/.test(r));
    assert.ok(pages.some((r) => r.includes('cursor=')), `the grid fetched a next page: ${pages.join(', ')}`);

    // Newest first, in the service's order.
    const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('direct-upload.session') ?? '{}') as { token?: string }).token);
    const albumId = await page.$eval('#album-select', (s) => (s as HTMLSelectElement).value);
    const listed = (await (await fetch(`${service.url}/albums/${albumId}/photos?limit=10`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      items: Array<{ id: string; created_at: string }>;
    };
    const gridIds = await page.$$eval('#grid figure', (figs) => figs.map((f) => (f as HTMLElement).dataset.photoId));
    assert.deepEqual(gridIds, listed.items.map((p) => p.id));
    const created = listed.items.map((p) => Date.parse(p.created_at));
    assert.deepEqual(created, [...created].sort((a, b) => b - a));

    mkdirSync(targetDir(), { recursive: true });
    const shot = path.join(targetDir(), 'browser-test.png');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`# screenshot: ${shot}`);
    assert.deepEqual(errors, []);
  });

  it('a pasted token works as well; a bad one is refused with the service error', async () => {
    const page = await browser.newPage();
    await page.goto(`${service.url}/`);
    await page.fill('#token', 'not-a-token');
    await page.click('#use-token');
    await page.waitForSelector('#message:not([hidden])');
    assert.match((await page.textContent('#message')) ?? '', /^unauthorized/);
    const login = (await (await fetch(`${service.url}/auth/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'bob' }),
    })).json()) as { token: string };
    await page.fill('#token', login.token);
    await page.click('#use-token');
    await page.waitForSelector('#signed-in:not([hidden])');
    assert.match((await page.textContent('#whoami')) ?? '', /token/);
  });
});
