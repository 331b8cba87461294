import { MigrationInterface, QueryRunner } from 'typeorm';

/** Marks the rows whose values were altered to be storable (truncated, or stripped of NUL and lone surrogates). */
export class McpSanitizedFlag1796860800000 implements MigrationInterface {
  name = 'McpSanitizedFlag1796860800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mcp_sessions" ADD "sanitized" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "mcp_logs" ADD "sanitized" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "mcp_tool_calls" ADD "sanitized" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mcp_tool_calls" DROP COLUMN "sanitized"`);
    await queryRunner.query(`ALTER TABLE "mcp_logs" DROP COLUMN "sanitized"`);
    await queryRunner.query(`ALTER TABLE "mcp_sessions" DROP COLUMN "sanitized"`);
  }
}
