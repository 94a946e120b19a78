import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readExamples } from '../../src/graphiql-examples.js';
import { TestStack } from '../helpers/stack.js';
import { launchChromium } from './browser.js';

/**
 * GraphiQL in a real browser (Debian's chromium via playwright-core) against the gateway on the sandbox: the page
 * opens at /graphql with the examples as tabs, runs the dashboard example, reads the schema in the docs explorer,
 * keeps the history, runs a subscription over graphql-ws — and in all that the browser asks nothing of any host but
 * the gateway, and the page's Content-Security-Policy blocks nothing (so it needs nothing from elsewhere).
 * The screenshot in the README (docs/graphiql.png) is taken here.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOT = `${root}docs/graphiql.png`;

/** A CodeMirror 5 editor as its wrapper element carries it (the DOM holds only the visible lines). */
type WithCodeMirror = { CodeMirror?: { getValue(): string; setValue(value: string): void } };

/** The whole text of an editor of the page. */
async function editorText(page: Page, selector: string): Promise<string> {
  return page
    .locator(`${selector} .CodeMirror`)
    .evaluate((element) => (element as unknown as WithCodeMirror).CodeMirror?.getValue() ?? '');
}

/** The response pane's JSON once it holds some. */
async function response(page: Page): Promise<{ data?: Record<string, any>; errors?: unknown[] }> {
  await expect.poll(() => editorText(page, '.graphiql-response')).toMatch(/^\{/);
  return JSON.parse(await editorText(page, '.graphiql-response')) as { data?: Record<string, any> };
}

describe('GraphiQL served by the gateway, in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const webSockets: string[] = [];
  const failures: string[] = [];
  const examples = readExamples(`${root}examples`);

  beforeAll(async () => {
    browser = await launchChromium();
    // As `npm start` runs on the embedded sandbox: AUTH=none on loopback (cross-origin.test.ts uses a token).
    stack = await TestStack.start({ auth: { methods: [] } });
    // A fresh context: no stored GraphiQL state, so the page opens as a newcomer sees it.
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1 });
    // Every request of the context (page, workers, favicon…), every WebSocket, and what the browser refused.
    context.on('request', (request) => requests.push(request.url()));
    context.on('requestfailed', (request) =>
      failures.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
    );
    page = await context.newPage();
    page.on('websocket', (ws) => webSockets.push(ws.url()));
    page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') failures.push(`console error: ${message.text()}`);
    });
    // (Page scripts are strings: they run in the browser, and this project's TypeScript has no DOM types.)
    await page.addInitScript({
      content:
        "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
    });
  });

  // A failed step leaves a picture of the page in test/e2e/artifacts/ (ignored by git).
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) {
      mkdirSync(`${root}test/e2e/artifacts`, { recursive: true });
      await page
        .screenshot({ path: `${root}test/e2e/artifacts/${ctx.task.name.replace(/\W+/g, '-').slice(0, 80)}.png` })
        .catch(() => undefined);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('opens at /graphql with the ready examples as tabs and in the Examples list, in order', async () => {
    await page.goto(stack.url);
    await page.locator('.graphiql-execute-button').waitFor();
    const operationNames = examples.map((e) => /(?:query|mutation|subscription)\s+(\w+)/.exec(e.query)?.[1]);
    await expect.poll(() => page.locator('.graphiql-tab').allInnerTexts()).toEqual(operationNames);
    const listed = page.locator('.wag-examples li');
    await expect.poll(() => listed.count()).toBe(examples.length);
    for (const [i, example] of examples.entries()) {
      const text = await listed.nth(i).innerText();
      expect(text).toContain(example.title);
      expect(text).toContain(example.file);
      expect(text).toContain(example.description.split('\n')[0]?.slice(0, 40));
    }
    expect(examples[0]?.file).toBe('01-dashboard.graphql');
    expect(await editorText(page, '.graphiql-query-editor')).toBe(examples[0]?.query);
  });

  it('runs the dashboard example and shows its data in the result pane', async () => {
    await page.locator('.graphiql-execute-button').click();
    const result = await response(page);
    expect(result.errors).toBeUndefined();
    const viewer = result.data?.viewer;
    expect(viewer.name).toBe('Pixel & Co Agency');
    expect(viewer.wixId).toBe(stack.sandbox.seed.mainAccountId);
    // Seed 1: the agency's 16 sites, with their services and domains.
    // The example selects sites as edges (the form the normalized caches' pagination helpers merge).
    const sites = viewer.sites.edges.map((e: { node: unknown }) => e.node);
    expect(sites).toHaveLength(16);
    const domains = sites.flatMap((s: { connectedDomains: Array<{ domain: string }> }) =>
      s.connectedDomains.map((d) => d.domain),
    );
    expect(domains).toEqual(expect.arrayContaining(['urbanstudio.io', 'goldengarden.info']));
    await expect.poll(() => page.locator('.graphiql-response').innerText()).toContain('Pixel & Co Agency');
    mkdirSync(`${root}docs`, { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });

  it('shows the documented schema in the docs explorer', async () => {
    await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
    const explorer = page.locator('.graphiql-doc-explorer');
    await expect.poll(() => explorer.innerText()).toContain('Root Types');
    await explorer.getByRole('link', { name: 'Query', exact: true }).click();
    await expect.poll(() => explorer.innerText()).toContain('viewer');
    await expect.poll(() => explorer.innerText()).toContain('domainSuggestions');
  });

  it('keeps the run in the history', async () => {
    await page.locator('.graphiql-sidebar button[aria-label="Show History"]').click();
    await expect.poll(() => page.locator('.graphiql-history').innerText()).toContain('Dashboard');
  });

  it("plans the first flow from its example tab: the dry run, with the example's variables", async () => {
    const flow = examples.find((e) => /^mutation\s/m.test(e.query));
    const name = flow && /mutation\s+(\w+)/.exec(flow.query)?.[1];
    expect(name, 'an example with a flow mutation').toBeTruthy();
    await page.locator('.graphiql-tab', { hasText: name as string }).click();
    await expect
      .poll(() => editorText(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)'))
      .toContain('"dryRun": true');
    // GraphiQL parses the tab's document a moment after the switch; running before that would name the old operation.
    const operations = () =>
      page.locator('.graphiql-query-editor .CodeMirror').evaluate((element) => {
        const facts = (
          element as unknown as { CodeMirror?: { operations?: Array<{ name?: { value: string } }> | null } }
        ).CodeMirror;
        return (facts?.operations ?? []).map((o) => o.name?.value ?? '');
      });
    await expect.poll(operations).toContain(name);
    await page.locator('.graphiql-execute-button').click();
    // The file also holds the subscription that follows the operation: unless the cursor already picked one, GraphiQL
    // asks which operation to run.
    const menuItem = page.getByRole('menuitem', { name: name as string, exact: true });
    const answered = async () => (await editorText(page, '.graphiql-response')).startsWith('{');
    await expect.poll(async () => (await menuItem.count()) > 0 || (await answered())).toBe(true);
    if (!(await answered())) await menuItem.click();
    const result = await response(page);
    expect(result.errors).toBeUndefined();
    const payload = Object.values(result.data ?? {})[0] as { plan?: { steps?: unknown[] }; operation?: unknown };
    expect(payload.plan?.steps?.length).toBeGreaterThan(0);
    expect(payload.operation ?? null).toBeNull();
  });

  it('runs a subscription over graphql-ws on the same /graphql path', async () => {
    await page.locator('.graphiql-tab-add').click();
    await expect.poll(() => page.locator('.graphiql-tab').count()).toBe(examples.length + 1);
    // urbanstudio.io's propagation is COMPLETED: the current state arrives at once, then the stream completes.
    const subscription =
      'subscription Watch {\n  connectedDomainUpdated(domain: "urbanstudio.io") {\n    domain\n    dnsPropagationStatus\n  }\n}\n';
    await page
      .locator('.graphiql-query-editor .CodeMirror')
      .evaluate((element, text) => (element as unknown as WithCodeMirror).CodeMirror?.setValue(text), subscription);
    // The editor parses as it changes; the tab takes the operation's name once it has.
    await expect.poll(() => page.locator('.graphiql-tab-active').innerText()).toBe('Watch');
    await page.locator('.graphiql-execute-button').click();
    const result = await response(page);
    expect(result.data).toEqual({
      connectedDomainUpdated: { domain: 'urbanstudio.io', dnsPropagationStatus: 'COMPLETED' },
    });
    expect(webSockets).toContain(`${stack.gateway.url.replace(/^http/, 'ws')}/graphql`);
  });

  it("opens GraphiQL's settings and short-keys dialogs (they lock scrolling with a nonce'd <style>)", async () => {
    for (const [button, title] of [
      ['Open settings dialog', 'Settings'],
      ['Open short keys dialog', 'Short Keys'],
    ] as const) {
      await page.locator(`.graphiql-sidebar button[aria-label="${button}"]`).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.innerText()).toContain(title);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
    }
  });

  it('asked nothing of any host but the gateway, and its Content-Security-Policy blocked nothing', () => {
    const gateway = new URL(stack.gateway.url).host;
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((url) => new URL(url).host !== gateway)).toEqual([]);
    expect(webSockets.length).toBeGreaterThan(0);
    expect(webSockets.filter((url) => new URL(url).host !== gateway)).toEqual([]);
    expect(failures).toEqual([]);
    // The page, its two bundles, the examples and the favicon; the API on /graphql.
    const paths = new Set(requests.map((url) => new URL(url).pathname.replace(/-[A-Z0-9]{8}\./, '-HASH.')));
    expect([...paths].sort()).toEqual([
      '/graphiql/app-HASH.css',
      '/graphiql/app-HASH.js',
      '/graphiql/examples.json',
      '/graphiql/favicon.svg',
      '/graphql',
    ]);
  });

  it('is under a policy that refuses inline code (so the check above would have seen a need for it)', async () => {
    const before = failures.length;
    const ran = await page.evaluate(
      "(() => { const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true'; document.head.append(s); return window.__inlineRan === true; })()",
    );
    expect(ran).toBe(false);
    await expect.poll(() => failures.slice(before).join('\n')).toContain('CSP violation: script-src');
  });
});
