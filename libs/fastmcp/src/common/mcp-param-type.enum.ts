/** The kinds of MCP handler parameters, as keys of Nest's route-argument metadata (`@McpArgs()`, `@McpCtx()`). */
export enum McpParamType {
  ARGS = 0,
  CONTEXT = 1,
}
