/**
 * Injection token of the persistence module's TypeORM `DataSource` (its own connection).
 *
 * @publicApi
 */
export const MCP_DATA_SOURCE = Symbol.for('nestjs-fastmcp:persistence-data-source');
