// The pages in a real browser (headless Chromium): the explorer runs a TQL query and shows the hits as a
// table, follows a record's link and an expansion, charts a GROUP BY; the API reference's "try it" calls the
// fake with the prefilled credentials, and the call shows up in the explorer's live journal without a
// reload. Every request either page makes goes to the fake. Screenshots go to test-artifacts/screenshots/
// (CI keeps them); ET_FAKE_UPDATE_SCREENSHOTS=1 also refreshes the README's copies.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake, type RunningFake } from '../../../src/index.ts';
import { ADMIN_AUTH } from '../../helpers/fake.ts';
import { launchChromium } from './browser.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');
const README_SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');
/** The ones README.md shows (committed under test/server/pages/screenshots/). */
const IN_README = new Set(['docs', 'explorer-record', 'explorer-group-by']);

let fake: RunningFake;
let browser: Browser;
let context: BrowserContext;
/** Every URL a page asked for, and the ones that went anywhere but the fake. */
const requested: string[] = [];

async function shoot(page: Page, name: string): Promise<void> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.ET_FAKE_UPDATE_SCREENSHOTS && IN_README.has(name)) await copyFile(file, path.join(README_SCREENSHOTS, `${name}.png`));
}

async function api<T = any>(p: string): Promise<T> {
  const res = await fetch(`${fake.url}${p}`, { headers: { Authorization: ADMIN_AUTH } });
  expect(res.status, p).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  [fake, browser] = await Promise.all([startFake(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.on('request', (r) => requested.push(r.url()));
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await fake?.close();
});

describe('the pages in a browser', () => {
  let explorer: Page;

  it('explorer: entity types with counts, a TQL query as a table, a record whose link and expansion open by clicking', async () => {
    explorer = await context.newPage();
    await explorer.goto(`${fake.url}/__admin/ui`);
    const packages = explorer.locator('button[data-entity="ScriptPackage"]');
    await packages.waitFor();
    expect(await packages.locator('.count').textContent()).toBe(String(fake.store.collection('ScriptPackage').size));
    await expect.poll(() => explorer.locator('#live.on').count()).toBe(1);

    // The query box from the keyboard: '/' focuses it, Enter runs it.
    await explorer.keyboard.press('/');
    const tql = 'EntityType = Script ORDER BY Name';
    await explorer.keyboard.type(tql);
    await explorer.keyboard.press('Enter');
    const expected = await api<{ Total: number; Items: { Name: string }[] }>(`/api/search?tql=${encodeURIComponent(tql)}`);
    const rows = explorer.locator('#results table.hits tbody tr');
    await expect.poll(() => rows.count()).toBe(expected.Total);
    const names = await explorer.locator('#results table.hits').evaluate((t: any) => {
      const at = [...t.tHead!.rows[0]!.cells].findIndex((c) => c.textContent === 'Name');
      return [...t.tBodies[0]!.rows].map((r) => r.cells[at]!.textContent);
    });
    expect(names).toEqual(expected.Items.map((i) => i.Name));
    expect(expected.Total).toBeGreaterThan(3);
    await shoot(explorer, 'explorer-query');

    // Open the first hit, then follow its Package link, then expand the package's scripts.
    await rows.first().click();
    await expect.poll(() => explorer.locator('#entity-title').textContent()).toBe(expected.Items[0]!.Name);
    const first = expected.Items[0] as unknown as { Links: { Rel: string; Href: string }[] };
    const packageLink = first.Links.find((l) => l.Rel === 'Package')!;
    const pkg = await api<{ Name: string }>(new URL(packageLink.Href).pathname);
    await explorer.locator('#entity button.link[data-rel="Package"]').click();
    await expect.poll(() => explorer.locator('#entity-title').textContent()).toBe(pkg.Name);
    await explorer.locator('#entity button.expand[data-expand="Scripts"]').click();
    await explorer.locator('#entity table.fields tr.expanded').waitFor();
    expect(await explorer.locator('#entity table.fields tr.expanded th').textContent()).toBe('Scripts');
    await explorer.locator('header.bar').scrollIntoViewIfNeeded();
    await shoot(explorer, 'explorer-record');
    // Backspace goes back to the script, Esc closes the record.
    await explorer.locator('body').press('Backspace');
    await expect.poll(() => explorer.locator('#entity-title').textContent()).toBe(pkg.Name);
    await explorer.keyboard.press('Escape');
    await expect.poll(() => explorer.locator('#entity').isHidden()).toBe(true);
  });

  it('explorer: a GROUP BY answers as a table and a bar chart', async () => {
    const tql = 'GROUP BY EntityType { COUNT }';
    await explorer.locator('#tql').fill(tql);
    await explorer.locator('#tql').press('Enter');
    const groups = (await api<{ Results: { GroupByEntityType: Record<string, { COUNT: number }> } }>(`/api/search?tql=${encodeURIComponent(tql)}`)).Results.GroupByEntityType;
    const table = explorer.locator('#results table.aggregate');
    await table.waitFor();
    const cells = await table.evaluate((t: any) => [...t.tBodies[0]!.rows].map((r) => [...r.cells].map((c) => c.textContent)));
    expect(cells).toEqual(Object.entries(groups).map(([k, v]) => [k, String(v.COUNT)]));
    expect(await explorer.locator('#results .chart .bar-row').count()).toBe(Object.keys(groups).length);
    await shoot(explorer, 'explorer-group-by');
  });

  it('reference: "try it" calls the fake with the prefilled credentials, and the call appears in the live journal', async () => {
    const docs = await context.newPage();
    await docs.goto(`${fake.url}/docs`);
    await docs.locator('#reference .information-container').waitFor({ timeout: 30_000 });
    await docs.locator('#reference .opblock-tag').first().waitFor();
    await shoot(docs, 'docs');
    // Find the operation as a person would: filter the tags (the list renders only what is in view), open
    // the tag, then the operation.
    await docs.locator('input.operation-filter-input').fill('Projects');
    await docs.locator('#operations-tag-Projects').click();
    const op = docs.locator('#operations-Projects-searchProjects');
    await op.locator('.opblock-summary').first().click();
    const answered = docs.waitForResponse((r) => new URL(r.url()).pathname === '/api/projects' && r.request().method() === 'GET');
    await op.locator('button.execute').click();
    const res = await answered;
    expect(res.status()).toBe(200);
    expect(res.request().headers().authorization).toBe(ADMIN_AUTH);
    await expect.poll(() => op.locator('.live-responses-table tbody .response-col_status').first().textContent()).toContain('200');
    await op.locator('.live-responses-table').scrollIntoViewIfNeeded();
    await docs.mouse.wheel(0, 200);
    await shoot(docs, 'docs-try-it');

    // The explorer, open all along, shows the call as it happens.
    const row = explorer.locator('#journal tbody tr', { hasText: 'GET /api/projects' });
    await expect.poll(() => row.count()).toBeGreaterThan(0);
    expect(await row.first().locator('td.status').textContent()).toBe('200');
    await shoot(explorer, 'explorer-journal');
    await docs.close();
  }, 60_000);

  it('reference: with ?sandbox=<id> "try it" calls that sandbox, which the explorer picks', async () => {
    const made = await fetch(`${fake.url}/__admin/sandboxes`, { method: 'POST', headers: { Authorization: ADMIN_AUTH } });
    const { Id } = (await made.json()) as { Id: string };
    const docs = await context.newPage();
    await docs.goto(`${fake.url}/docs?sandbox=${Id}#/Projects/searchProjects`);
    const op = docs.locator('#operations-Projects-searchProjects');
    await op.waitFor({ timeout: 30_000 });
    if (!(await op.locator('.opblock-body').count())) await op.locator('.opblock-summary').first().click();
    const answered = docs.waitForResponse((r) => new URL(r.url()).pathname === '/api/projects');
    await op.locator('button.execute').click();
    expect((await answered).request().headers()['x-et-sandbox']).toBe(Id);
    const journal = await api<{ Items: { Path: string; Sandbox: string }[] }>(`/sandboxes/${Id}/__admin/requests`);
    expect(journal.Items.map((e) => e.Path)).toContain('/api/projects');
    await docs.close();

    await explorer.reload();
    await explorer.locator(`#scope option[value="${Id}"]`).waitFor({ state: 'attached' });
    await explorer.locator('#scope').selectOption(Id);
    await shoot(explorer, 'explorer-sandbox');
    const row = explorer.locator('#journal tbody tr', { hasText: 'GET /api/projects' });
    await expect.poll(() => row.count()).toBe(1);
    expect(explorer.url()).toContain(`#sandbox=${Id}`);
  });

  it('loads nothing from anywhere but the fake', () => {
    const origin = new URL(fake.url).origin;
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  });
});
