/**
 * The extension identifier of SEP-2663 tasks (2026-07-28), declared under `capabilities.extensions`.
 *
 * @publicApi
 */
export const MCP_TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/** The first session-era revision with (experimental) tasks (spec 2025-11-25 basic/utilities/tasks). */
export const LEGACY_TASKS_PROTOCOL_VERSION = '2025-11-25';

export const DEFAULT_TASK_TTL_MS = 60 * 60 * 1000;
export const DEFAULT_MAX_TASK_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_TASK_POLL_INTERVAL_MS = 1000;
export const DEFAULT_MAX_TASKS = 10_000;
