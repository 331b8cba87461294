import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';

/** The files of `swagger-ui-dist` the page loads; nothing else of that folder is served. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

/**
 * Swagger UI over the REST face's OpenAPI document, from the `swagger-ui-dist` package that
 * `@nestjs/swagger` itself serves its UI from. No inline script, so a strict Content Security
 * Policy of the app (`script-src 'self'`) still allows it.
 */
export class SwaggerUiPage {
  private readonly cache = new Map<string, Buffer>();
  private directory?: string;

  constructor(
    private readonly base: string,
    private readonly title: () => string,
  ) {}

  page(res: ServerResponse): void {
    const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(this.title())}</title>
<link rel="stylesheet" href="${this.base}/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="${this.base}/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${this.base}/docs/swagger-ui-bundle.js"></script>
<script src="${this.base}/docs/swagger-ui-init.js"></script>
</body>
</html>
`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) }).end(html);
  }

  /** One file of the page; `false` when `file` is not one of them. */
  async asset(file: string, res: ServerResponse): Promise<boolean> {
    if (file === 'swagger-ui-init.js') {
      const script = `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(`${this.base}/openapi.json`)}, dom_id: '#swagger-ui', deepLinking: true });\n`;
      res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'content-length': Buffer.byteLength(script) }).end(script);
      return true;
    }
    const type = ASSETS[file];
    if (!type) return false;
    let bytes = this.cache.get(file);
    if (!bytes) {
      bytes = await readFile(join(this.assetsDirectory(), file));
      this.cache.set(file, bytes);
    }
    res.writeHead(200, { 'content-type': type, 'content-length': bytes.length, 'cache-control': 'public, max-age=86400' }).end(bytes);
    return true;
  }

  private assetsDirectory(): string {
    // Loaded on first use: an app that turns the UI off never needs the package.
    const dist = createRequire(import.meta.url)('swagger-ui-dist') as { getAbsoluteFSPath(): string };
    return (this.directory ??= dist.getAbsoluteFSPath());
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
