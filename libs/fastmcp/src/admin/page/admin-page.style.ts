/** The page's stylesheet, served at `${path}/admin.css` (the Content-Security-Policy allows no inline style). */
export const ADMIN_PAGE_STYLE = `
:root { color-scheme: light; --fg: #1d2330; --muted: #667085; --line: #e4e7ec; --ok: #12805c; --bad: #b42318; --accent: #3556d4; --accent2: #9db0f5; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #f6f7f9; }
header { display: flex; align-items: baseline; gap: 16px; padding: 14px 24px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 18px; margin: 0; }
h2 { font-size: 15px; margin: 0 0 10px; }
#status { margin: 0; color: var(--muted); }
#status.error { color: var(--bad); }
main { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; padding: 16px 24px; }
section.wide { grid-column: 1 / -1; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; overflow-x: auto; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
td.wrap { white-space: normal; }
th { color: var(--muted); font-weight: 600; font-size: 12px; }
.count, .hint { color: var(--muted); font-weight: normal; font-size: 12px; }
.empty { color: var(--muted); }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
.outcome-ok { color: var(--ok); }
.outcome-error, .outcome-denied, .outcome-cancelled { color: var(--bad); }
.disabled td { color: var(--muted); }
button.toggle { min-width: 64px; border: 1px solid var(--line); border-radius: 12px; padding: 2px 10px; cursor: pointer; background: #fff; }
button.toggle[aria-checked="true"] { background: var(--ok); color: #fff; border-color: var(--ok); }
button.toggle:disabled { opacity: .6; cursor: wait; }
svg text { font: 12px system-ui, sans-serif; fill: var(--fg); }
svg .p50 { fill: var(--accent); }
svg .p95 { fill: var(--accent2); }
svg .axis { stroke: var(--line); }
`;
