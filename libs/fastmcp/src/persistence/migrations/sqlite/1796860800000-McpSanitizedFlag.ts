import { MigrationInterface, QueryRunner } from 'typeorm';

/** Marks the rows whose values were altered to be storable (truncated, or stripped of NUL and lone surrogates). */
export class McpSanitizedFlag1796860800000 implements MigrationInterface {
  name = 'McpSanitizedFlag1796860800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mcp_sessions" ADD COLUMN "sanitized" boolean NOT NULL DEFAULT (0)`);
    await queryRunner.query(`ALTER TABLE "mcp_logs" ADD COLUMN "sanitized" boolean NOT NULL DEFAULT (0)`);
    await queryRunner.query(`ALTER TABLE "mcp_tool_calls" ADD COLUMN "sanitized" boolean NOT NULL DEFAULT (0)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mcp_tool_calls" DROP COLUMN "sanitized"`);
    await queryRunner.query(`ALTER TABLE "mcp_logs" DROP COLUMN "sanitized"`);
    await queryRunner.query(`ALTER TABLE "mcp_sessions" DROP COLUMN "sanitized"`);
  }
}
