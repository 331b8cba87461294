import type { ServerResponse } from 'node:http';

/**
 * Scripts and styles only from the admin path itself, no inline code, no framing, no forms
 * posting elsewhere (`data:` images only for the empty favicon, which spares the app a 404): what the page renders cannot run even if a value escaped the escaping.
 */
export const ADMIN_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Headers on every admin response: nothing cached (it shows live, private data), nothing sniffed or framed. */
export function sendAdminResponse(res: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string> = {}): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Content-Security-Policy', ADMIN_CONTENT_SECURITY_POLICY);
  for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
  res.end(body);
}

export function sendAdminJson(res: ServerResponse, value: unknown, status = 200): void {
  sendAdminResponse(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
