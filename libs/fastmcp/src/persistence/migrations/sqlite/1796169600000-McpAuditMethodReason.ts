import { MigrationInterface, QueryRunner } from 'typeorm';

/** Audit rows of every refused request (not only tool calls): the MCP method, and why a request was denied. */
export class McpAuditMethodReason1796169600000 implements MigrationInterface {
  name = 'McpAuditMethodReason1796169600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mcp_tool_calls" ADD COLUMN "method" varchar(64) NOT NULL DEFAULT ('tools/call')`);
    await queryRunner.query(`ALTER TABLE "mcp_tool_calls" ADD COLUMN "reason" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mcp_tool_calls" DROP COLUMN "reason"`);
    await queryRunner.query(`ALTER TABLE "mcp_tool_calls" DROP COLUMN "method"`);
  }
}
