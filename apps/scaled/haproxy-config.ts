/** A backend instance HAProxy balances over. */
export interface HaproxyBackend {
  readonly name: string;
  readonly port: number;
}

/**
 * Plain round-robin over every instance, per request, with no stickiness: consecutive requests of
 * one session land on different instances. The health check is the readiness route, so a
 * draining instance (503) stops receiving requests; a request whose connection is refused (an
 * instance killed) is sent to another one (`option redispatch`, `retry-on conn-failure`: only a request that never reached an instance is sent again).
 */
export function haproxyConfig(port: number, backends: readonly HaproxyBackend[], statsPort: number, host = '127.0.0.1'): string {
  return [
    'global',
    '  maxconn 4000',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 1h',
    '  timeout server 1h',
    // SSE streams are long responses: they live as long as either side keeps them.
    '  timeout tunnel 1h',
    '  timeout http-keep-alive 10s',
    '  option redispatch',
    '  retries 3',
    '  retry-on conn-failure',
    'frontend mcp',
    `  bind ${host}:${port}`,
    '  default_backend instances',
    'backend instances',
    '  balance roundrobin',
    '  option httpchk GET /health/ready',
    '  http-check expect status 200',
    '  default-server inter 500 fall 2 rise 1',
    ...backends.map((backend) => `  server ${backend.name} 127.0.0.1:${backend.port} check`),
    // Each server's state as CSV (`/stats;csv`): how a script waits for the checks to settle.
    'listen stats',
    `  bind 127.0.0.1:${statsPort}`,
    '  stats enable',
    '  stats uri /stats',
    '',
  ].join('\n');
}
