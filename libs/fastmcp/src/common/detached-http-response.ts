/**
 * The response a call shows when no HTTP response belongs to it: over stdio, and for a task that
 * outlives the request that started it. Guards and interceptors written for controllers may set
 * headers or a status on it; nothing is sent anywhere.
 */
export class DetachedHttpResponse {
  statusCode = 200;
  readonly headersSent = false;
  private readonly headers = new Map<string, unknown>();

  setHeader(name: string, value: unknown): this {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }

  getHeader(name: string): unknown {
    return this.headers.get(name.toLowerCase());
  }

  hasHeader(name: string): boolean {
    return this.headers.has(name.toLowerCase());
  }

  removeHeader(name: string): void {
    this.headers.delete(name.toLowerCase());
  }

  getHeaders(): Record<string, unknown> {
    return Object.fromEntries(this.headers);
  }

  /** Express's `res.header()` / `res.status()`, which guards such as the throttler call. */
  header(name: string, value: unknown): this {
    return this.setHeader(name, value);
  }

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  end(): this {
    return this;
  }
}
