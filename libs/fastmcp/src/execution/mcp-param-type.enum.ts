/** Positions of the values an MCP handler can ask for, in the argument list Nest's pipeline sees. */
export enum McpParamType {
  ARGS = 0,
  CONTEXT = 1,
}
