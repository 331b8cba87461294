/**
 * The page's script, served at `${path}/admin.js`: polls the JSON API, renders with
 * `textContent` and DOM nodes only (never HTML strings, so no value is ever parsed as markup),
 * draws the latency chart as SVG, and sends catalog toggles as JSON POSTs with the CSRF token.
 */
export const ADMIN_PAGE_SCRIPT = `'use strict';
(function () {
  var meta = function (name) { return document.querySelector('meta[name="' + name + '"]').getAttribute('content'); };
  var base = meta('mcp-admin-base');
  var csrf = meta('mcp-admin-csrf');
  var refresh = Number(meta('mcp-admin-refresh')) || 2000;
  var SVG = 'http://www.w3.org/2000/svg';

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function row(cells) {
    var tr = document.createElement('tr');
    cells.forEach(function (cell) { tr.appendChild(cell instanceof Node ? cell : el('td', cell)); });
    return tr;
  }
  function fill(id, rows) {
    var body = document.getElementById(id + '-rows');
    body.replaceChildren.apply(body, rows);
    var empty = document.getElementById(id + '-empty');
    if (empty) empty.hidden = rows.length > 0;
  }
  function age(iso) {
    if (!iso) return '—';
    var s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (s < 60) return s + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm ' + (s % 60) + 's';
    return Math.floor(s / 3600) + 'h ' + Math.floor((s % 3600) / 60) + 'm';
  }
  function shortId(id) { return id ? id.slice(0, 8) : '—'; }
  function code(text, title) { var td = el('td'); var c = el('code', text); if (title) c.title = title; td.appendChild(c); return td; }
  function ms(value) { return value < 10 ? value.toFixed(2) + ' ms' : Math.round(value) + ' ms'; }

  function api(path, init) {
    return fetch(base + '/api/' + path, Object.assign({ credentials: 'same-origin', cache: 'no-store' }, init)).then(function (res) {
      if (!res.ok) return res.json().catch(function () { return {}; }).then(function (body) { throw new Error(res.status + ' ' + (body.message || res.statusText)); });
      return res.json();
    });
  }

  function renderSessions(sessions) {
    document.getElementById('sessions-count').textContent = '(' + sessions.length + ')';
    fill('sessions', sessions.map(function (s) {
      return row([code(shortId(s.id), s.id), s.era + (s.protocolVersion ? ' · ' + s.protocolVersion : ''), s.client || '—', s.principal || '—', age(s.openedAt), age(s.lastSeenAt)]);
    }));
  }

  function renderCalls(data) {
    document.getElementById('calls-source').textContent = data.source === 'audit' ? 'from the audit table' : 'kept in memory by this process';
    fill('calls', data.calls.map(function (c) {
      var outcome = el('td', c.outcome, 'outcome-' + c.outcome);
      if (c.error) outcome.title = c.error;
      return row([new Date(c.at).toLocaleTimeString(), el('td', c.tool, 'tool'), outcome, ms(c.durationMs), c.client || '—', c.principal || '—', code(shortId(c.sessionId), c.sessionId || 'no session (2026-07-28)')]);
    }));
    renderChart(data.latency);
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, String(attrs[key])); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderChart(latency) {
    var holder = document.getElementById('latency-chart');
    document.getElementById('latency-empty').hidden = latency.length > 0;
    if (latency.length === 0) { holder.replaceChildren(); return; }
    var label = 130, width = 560, bar = 9, gap = 12, plot = width - label - 200;
    var height = latency.length * (2 * bar + gap) + 24;
    var max = Math.max.apply(null, latency.map(function (t) { return t.p95Ms; })) || 1;
    var chart = svg('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'p50 and p95 latency per tool' });
    latency.forEach(function (t, i) {
      var y = i * (2 * bar + gap);
      var name = t.tool.length > 18 ? t.tool.slice(0, 17) + '…' : t.tool;
      chart.appendChild(svg('text', { x: 0, y: y + bar + 4 }, name));
      chart.appendChild(svg('rect', { class: 'p50', x: label, y: y, height: bar, width: Math.max(1, (t.p50Ms / max) * plot) }));
      chart.appendChild(svg('rect', { class: 'p95', x: label, y: y + bar, height: bar, width: Math.max(1, (t.p95Ms / max) * plot) }));
      chart.appendChild(svg('text', { x: label + Math.max(1, (t.p95Ms / max) * plot) + 6, y: y + 2 * bar }, ms(t.p50Ms) + ' / ' + ms(t.p95Ms) + ' · ' + t.calls + (t.calls === 1 ? ' call' : ' calls')));
    });
    var legend = height - 8;
    chart.appendChild(svg('rect', { class: 'p50 legend', x: label, y: legend - 9, width: 10, height: 10 }));
    chart.appendChild(svg('text', { x: label + 14, y: legend }, 'p50'));
    chart.appendChild(svg('rect', { class: 'p95 legend', x: label + 50, y: legend - 9, width: 10, height: 10 }));
    chart.appendChild(svg('text', { x: label + 64, y: legend }, 'p95'));
    holder.replaceChildren(chart);
  }

  var KIND = { tool: 'tool', resource: 'resource', resourceTemplate: 'template', prompt: 'prompt' };

  function renderCatalog(items) {
    fill('catalog', items.map(function (item) {
      var button = el('button', item.enabled ? 'on' : 'off', 'toggle');
      button.type = 'button';
      button.setAttribute('role', 'switch');
      button.setAttribute('aria-checked', String(item.enabled));
      button.setAttribute('aria-label', (item.enabled ? 'Disable ' : 'Enable ') + KIND[item.kind] + ' ' + item.key);
      button.dataset.kind = item.kind;
      button.dataset.key = item.key;
      button.addEventListener('click', function () { toggle(button, item); });
      var cell = el('td');
      cell.appendChild(button);
      var tr = row([KIND[item.kind], code(item.key, item.uri || undefined), el('td', item.title || item.description || '', 'wrap'), code(item.source), cell]);
      if (!item.enabled) tr.className = 'disabled';
      return tr;
    }));
  }

  function toggle(button, item) {
    button.disabled = true;
    api('catalog/toggle', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ kind: item.kind, key: item.key, enabled: !item.enabled }),
    }).then(function () { return poll(); }, failed).then(function () { button.disabled = false; });
  }

  function failed(error) {
    var status = document.getElementById('status');
    status.textContent = 'Error: ' + error.message;
    status.className = 'error';
  }

  function poll() {
    return Promise.all([api('sessions'), api('tool-calls'), api('catalog')]).then(function (results) {
      renderSessions(results[0].sessions);
      renderCalls(results[1]);
      renderCatalog(results[2].items);
      var status = document.getElementById('status');
      status.textContent = 'Updated ' + new Date().toLocaleTimeString();
      status.className = '';
    }, failed);
  }

  poll();
  setInterval(poll, refresh);
})();
`;
