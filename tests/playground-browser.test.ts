/**
 * The playground in a real browser: Debian's chromium driven by playwright-core (installed by
 * .ci/run with apt; never `playwright install`), each page checked by axe for serious and critical
 * violations, and a screenshot saved per step in .tmp/screenshots/playground/ for a person to
 * look at. The weekly loop of the demo school, as an ICT coordinator would try it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../src/app/start.ts';
import { projectRoot } from '../src/paths.ts';
import { startKoers } from './support/running.ts';
import { tempDir } from './support/temp.ts';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SCREENSHOTS = join(projectRoot, '.tmp', 'screenshots', 'playground');

let browser: Browser;
let context: BrowserContext;
let koers: Running;
let base: string;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  koers = await startKoers(join(tempDir({ shared: true }), 'koers.db'), {
    slack: undefined,
    teams: undefined,
  });
  base = `http://127.0.0.1:${koers.port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  // AxeBuilder needs a page of a context made with newContext().
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await koers?.stop();
});

let step = 0;
async function screenshot(page: Page, name: string): Promise<void> {
  step += 1;
  await page.screenshot({
    path: join(SCREENSHOTS, `${String(step).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

/** No serious or critical violation of axe's rules (WCAG 2.x A and AA, and its best practices). */
async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious).toEqual([]);
}

async function actAs(page: Page, name: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByRole('link', { name, exact: true }).first().click();
  await expect.poll(() => page.locator('h1').textContent()).toBe(name);
}

describe('the playground in a browser', () => {
  it('walks the weekly loop: a pathway, a reflection with a talk request, the urgent message, the summary', async () => {
    const page = await context.newPage();

    // The front door: the demo personas, grouped by role.
    await page.goto(`${base}/`);
    await expect.poll(() => page.title()).toContain('Koers-speelplaats');
    for (const name of ['Mirjam Jansen', 'Pieter de Vries', 'Tom Smit', 'Yara Wijaya', 'Daan Visser'])
      await expect.poll(() => page.getByRole('link', { name, exact: true }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await screenshot(page, 'personen');

    // Mirjam Jansen types `leerling daan`: his trend and his signals.
    await actAs(page, 'Mirjam Jansen');
    await page.getByLabel('Opdracht').fill('leerling daan');
    await page.getByLabel('Opdracht').press('Enter');
    const conversation = page.locator('section[aria-labelledby="gesprek-titel"]');
    await expect.poll(() => conversation.textContent()).toContain('Daan Visser');
    await expect.poll(() => conversation.getByRole('img', { name: /^Welbevinden: 4 → 2/ }).count()).toBe(1);
    expect(await conversation.textContent()).toContain('welbevinden daalt');
    await expectAccessible(page);
    await screenshot(page, 'mirjam-leerling-daan');

    // Yara Wijaya moves the clock to the next prompt, opens it, and asks to talk to her mentor.
    await actAs(page, 'Yara Wijaya');
    await page.getByRole('button', { name: 'Naar het volgende reflectiemoment' }).click();
    await expect.poll(() => page.getByTestId('moment').textContent()).toMatch(/vrijdag .* 13:01/);
    const inbox = page.locator('section[aria-labelledby="berichten-titel"]');
    await expect.poll(() => inbox.textContent()).toMatch(/Weekreflectie week \d+/);
    const week = /Weekreflectie week (\d+)/.exec((await inbox.textContent()) ?? '')?.[1];
    await screenshot(page, 'yara-uitnodiging');
    await inbox.getByRole('button', { name: 'Reflectie invullen' }).last().click();
    await page.getByLabel('Hoe gaat het met je?').selectOption('2');
    await page.getByLabel('Hoe gemotiveerd was je deze week?').selectOption('3');
    await page.getByLabel('Hoe ging het plannen van je werk?').selectOption('3');
    await page.getByLabel('Het werk was…').selectOption('precies-goed');
    await page.getByLabel('Ik wil graag met mijn mentor praten').check();
    await expectAccessible(page);
    await screenshot(page, 'yara-reflectie');
    await page.getByRole('button', { name: 'Versturen' }).first().click();
    await expect.poll(() => page.locator('section.open-form').count()).toBe(0);
    await expect.poll(() => conversation.textContent()).toMatch(/reflectie|Reflectie/);
    await screenshot(page, 'yara-verstuurd');

    // Her mentor (Pieter de Vries: Yara is in 4V) sees the urgent message, and the signal on her card.
    await actAs(page, 'Pieter de Vries');
    await expect
      .poll(() => inbox.textContent())
      .toContain(`Yara Wijaya wil graag met je praten (weekreflectie week ${week})`);
    await inbox.getByRole('button', { name: 'Bekijk Yara Wijaya' }).last().click();
    await expect.poll(() => conversation.textContent()).toContain('gespreksverzoek');
    await expectAccessible(page);
    await screenshot(page, 'pieter-gespreksverzoek');
    // Mirjam Jansen mentors 3H: nothing of it reaches her.
    await actAs(page, 'Mirjam Jansen');
    expect(await inbox.textContent()).not.toContain('Yara');

    // Tom Smit moves to Monday and finds the summary with its chart in the team channel.
    await actAs(page, 'Tom Smit');
    for (let day = 0; day < 3; day++) await page.getByRole('button', { name: 'Een dag verder' }).click();
    await expect.poll(() => page.getByTestId('moment').textContent()).toMatch(/maandag/);
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: '#teamkamer-bovenbouw' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Samenvatting team Bovenbouw');
    const chart = page.locator('main img').first();
    // Decoded by the browser: a real image, not a broken one.
    await expect
      .poll(() => chart.evaluate((img) => (img as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    expect(await chart.getAttribute('alt')).toBeTruthy();
    await expectAccessible(page);
    await screenshot(page, 'tom-samenvatting');
    await page.close();
  });

  it('passes axe on a page that does not exist, and reads at 200% zoom without scrolling sideways', async () => {
    const page = await context.newPage();
    const missing = await page.goto(`${base}/persoon?als=niemand%40koersmeer.example`);
    expect(missing?.status()).toBe(404);
    await expectAccessible(page);
    // 200% zoom of a 1280-pixel window is a 640-pixel one.
    await page.setViewportSize({ width: 640, height: 900 });
    for (const path of ['/', `/persoon?als=${encodeURIComponent('m.jansen@koersmeer.example')}`]) {
      await page.goto(`${base}${path}`);
      const sideways = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(sideways).toBeLessThanOrEqual(0);
    }
    await screenshot(page, 'zoom-200');
    // Everything is reachable with the keyboard: the skip link first, then the controls.
    await page.goto(`${base}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement?.textContent')).toBe('Naar de inhoud');
    await page.close();
  });
});
