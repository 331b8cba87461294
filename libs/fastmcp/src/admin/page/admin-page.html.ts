import { escapeHtml } from './html-escape.js';

export interface AdminPageValues {
  /** The path the page is served at, as the browser asked for it (global prefix included). */
  base: string;
  csrfToken: string;
  refreshIntervalMs: number;
}

/**
 * The page's markup: empty panels that `admin.js` fills from the JSON API. Values the script
 * needs travel in `<meta>` tags, since the Content-Security-Policy allows no inline script.
 */
export function renderAdminPage({ base, csrfToken, refreshIntervalMs }: AdminPageValues): string {
  const b = escapeHtml(base);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="mcp-admin-base" content="${b}">
<meta name="mcp-admin-csrf" content="${escapeHtml(csrfToken)}">
<meta name="mcp-admin-refresh" content="${escapeHtml(String(refreshIntervalMs))}">
<title>MCP server admin</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${b}/admin.css">
<script src="${b}/admin.js" defer></script>
</head>
<body>
<header>
  <h1>MCP server admin</h1>
  <p id="status" role="status">Loading…</p>
</header>
<main>
  <section id="sessions" class="wide" aria-labelledby="sessions-title">
    <h2 id="sessions-title">Live sessions <span class="count" id="sessions-count"></span></h2>
    <table>
      <thead><tr><th>Session</th><th>Era</th><th>Client</th><th>Principal</th><th>Age</th><th>Idle</th></tr></thead>
      <tbody id="sessions-rows"></tbody>
    </table>
    <p class="empty" id="sessions-empty" hidden>No live sessions. 2026-07-28 clients are stateless and appear under tool calls only.</p>
  </section>
  <section id="latency" aria-labelledby="latency-title">
    <h2 id="latency-title">Latency per tool <span class="hint">p50 and p95 over the recent calls</span></h2>
    <div id="latency-chart"></div>
    <p class="empty" id="latency-empty" hidden>No tool calls yet.</p>
  </section>
  <section id="catalog" aria-labelledby="catalog-title">
    <h2 id="catalog-title">Catalog</h2>
    <table>
      <thead><tr><th>Kind</th><th>Name</th><th>Description</th><th>Handler</th><th>Enabled</th></tr></thead>
      <tbody id="catalog-rows"></tbody>
    </table>
  </section>
  <section id="calls" class="wide" aria-labelledby="calls-title">
    <h2 id="calls-title">Recent tool calls <span class="hint" id="calls-source"></span></h2>
    <table>
      <thead><tr><th>Time</th><th>Tool</th><th>Outcome</th><th>Duration</th><th>Client</th><th>Principal</th><th>Session</th></tr></thead>
      <tbody id="calls-rows"></tbody>
    </table>
    <p class="empty" id="calls-empty" hidden>No tool calls yet.</p>
  </section>
</main>
</body>
</html>
`;
}
