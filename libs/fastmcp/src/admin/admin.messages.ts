// Every message an operator or a browser reads from the admin module.

export const adminPathInvalid = (path: string) =>
  `McpAdminModule: \`path\` must be an absolute path without a trailing slash, such as '/admin'; got '${path}'`;

export const adminGuardsRequired = () =>
  'McpAdminModule: `guards` must name at least one guard (an admin-role guard): the page can disable tools for every client';

export const adminPositiveInteger = (option: string, value: unknown) => `McpAdminModule: \`${option}\` must be a positive integer; got ${String(value)}`;

export const CSRF_TOKEN_INVALID = 'The CSRF token is missing or does not match this browser session: reload the admin page';
export const FOREIGN_ORIGIN = 'State-changing admin requests must come from the admin page itself';
export const JSON_REQUIRED = 'Admin API requests that change state must send application/json';
export const catalogItemUnknown = (kind: string, key: string) => `No ${kind} "${key}" in the catalog`;
export const CATALOG_TOGGLE_INVALID = 'Expected { "kind": "tool" | "resource" | "resourceTemplate" | "prompt", "key": string, "enabled": boolean }';
