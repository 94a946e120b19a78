/**
 * The GraphiQL page the gateway serves for a browser's `GET /graphql`. Bundled by scripts/build-graphiql.ts; every
 * asset comes from the gateway itself (no CDN, no web fonts from elsewhere, no telemetry).
 */
import 'graphiql/style.css';
import './page.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { setNonce } from 'get-nonce';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import { loadExamples } from './examples.js';
import { EXAMPLES_PLUGIN_TITLE, examplesPlugin } from './examples-plugin.js';

// The page is served at the API's own path, so the API and its WebSocket endpoint are this very URL (which keeps
// working behind a proxy that mounts the gateway under a prefix).
const apiUrl = `${location.origin}${location.pathname}`;
const subscriptionUrl = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${location.pathname}`;

// Queries and mutations over HTTP POST; subscriptions over graphql-ws, whose connection params are the headers
// editor's contents (the gateway reads `wix-account-id` and `Authorization` from them, exactly like the HTTP headers).
const fetcher = createGraphiQLFetcher({ url: apiUrl, subscriptionUrl });

async function start(): Promise<void> {
  // The page's policy allows <style> elements only with this response's nonce; Radix's scroll lock (dialogs, menus)
  // adds one, and reads the nonce through get-nonce.
  const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;
  if (nonce) setNonce(nonce);
  const root = document.getElementById('graphiql');
  if (!root) throw new Error('missing #graphiql');
  const examples = await loadExamples(new URL('graphiql/examples.json', location.href).href);
  const firstVisit = localStorage.getItem('graphiql:tabState') === null;
  const plugins = [examplesPlugin(examples)];
  createRoot(root).render(
    <GraphiQL
      fetcher={fetcher}
      plugins={plugins}
      defaultTabs={examples.map((e) => ({
        query: e.query,
        variables: e.variables ?? null,
        headers: e.headers ?? null,
      }))}
      defaultEditorToolsVisibility={examples.some((e) => e.variables || e.headers)}
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>wix-account-graph</GraphiQL.Logo>
    </GraphiQL>,
  );
  if (firstVisit && examples.length > 0) void openPlugin(EXAMPLES_PLUGIN_TITLE);
}

/**
 * Opens a sidebar plugin as a click on its button does. (GraphiQL 4's `visiblePlugin` prop marks the plugin visible
 * but leaves its pane collapsed on the first render, so the button is the reliable way.)
 */
async function openPlugin(title: string): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const button = document.querySelector<HTMLButtonElement>(`.graphiql-sidebar button[aria-label="Show ${title}"]`);
    if (button) {
      button.click();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

void start();
