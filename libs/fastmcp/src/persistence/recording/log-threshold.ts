import type { McpLogLevel } from '../../interfaces/mcp-context.interface.js';

/** RFC 5424 severities, least severe first, as MCP orders them (spec server/utilities/logging). */
const SEVERITY: Record<McpLogLevel, number> = {
  debug: 0,
  info: 1,
  notice: 2,
  warning: 3,
  error: 4,
  critical: 5,
  alert: 6,
  emergency: 7,
};

/** Whether a message at `level` passes every threshold given (unset ones pass everything). */
export function passesLogThresholds(level: McpLogLevel, ...thresholds: Array<McpLogLevel | undefined>): boolean {
  return thresholds.every((threshold) => threshold === undefined || SEVERITY[level] >= SEVERITY[threshold]);
}
