import { MigrationInterface, QueryRunner } from "typeorm";

export class McpInit1795613697336 implements MigrationInterface {
    name = 'McpInit1795613697336'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "mcp_sessions" ("id" character varying(128) NOT NULL, "transport" character varying(32) NOT NULL, "protocol_version" character varying(32), "client_info" jsonb, "client_capabilities" jsonb, "log_level" character varying(16), "principal_id" character varying(255), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "close_reason" character varying(255), CONSTRAINT "PK_dfd42125c0902bdeaf7c00bcae4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_sessions_last_seen_at" ON "mcp_sessions"  ("last_seen_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_sessions_principal_id" ON "mcp_sessions"  ("principal_id") `);
        await queryRunner.query(`CREATE TABLE "mcp_logs" ("id" uuid NOT NULL, "session_id" character varying(128), "principal_id" character varying(255), "client_info" jsonb, "protocol_version" character varying(32), "era" character varying(8) NOT NULL, "transport" character varying(32) NOT NULL, "level" character varying(16) NOT NULL, "logger" character varying(255) NOT NULL, "message" text NOT NULL, "data" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_28e7839caf7cf201c72b3ee293c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_logs_session_created" ON "mcp_logs"  ("session_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_logs_created_at" ON "mcp_logs"  ("created_at") `);
        await queryRunner.query(`CREATE TABLE "mcp_tool_calls" ("id" uuid NOT NULL, "session_id" character varying(128), "principal_id" character varying(255), "client_info" jsonb, "protocol_version" character varying(32), "era" character varying(8) NOT NULL, "transport" character varying(32) NOT NULL, "request_id" character varying(128) NOT NULL, "tool" character varying(255) NOT NULL, "arguments" jsonb, "outcome" character varying(16) NOT NULL, "error" text, "duration_ms" double precision NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_500bd7d74acf9d771c07811598d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_tool_calls_session_created" ON "mcp_tool_calls"  ("session_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_tool_calls_created_at" ON "mcp_tool_calls"  ("created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_tool_calls_tool_created" ON "mcp_tool_calls"  ("tool", "created_at") `);
        await queryRunner.query(`CREATE TABLE "mcp_tools" ("name" character varying(255) NOT NULL, "input_schema" jsonb NOT NULL, "output_schema" jsonb, "title" character varying(255), "description" text, "metadata" jsonb, "source" character varying(512) NOT NULL, "enabled" boolean NOT NULL, "registered" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_2c5ba1fab42e1b7c55793b0aa7e" PRIMARY KEY ("name"))`);
        await queryRunner.query(`CREATE TABLE "mcp_resources" ("kind" character varying(16) NOT NULL, "key" character varying(1024) NOT NULL, "name" character varying(255) NOT NULL, "uri" character varying(1024), "uri_template" character varying(1024), "mime_type" character varying(255), "title" character varying(255), "description" text, "metadata" jsonb, "source" character varying(512) NOT NULL, "enabled" boolean NOT NULL, "registered" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7eff05a3d62c762b75961387be0" PRIMARY KEY ("kind", "key"))`);
        await queryRunner.query(`CREATE TABLE "mcp_prompts" ("name" character varying(255) NOT NULL, "arguments" jsonb, "arguments_schema" jsonb, "title" character varying(255), "description" text, "metadata" jsonb, "source" character varying(512) NOT NULL, "enabled" boolean NOT NULL, "registered" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_914ee4499e959eff4f867ffae55" PRIMARY KEY ("name"))`);
        await queryRunner.query(`CREATE TABLE "mcp_stream_events" ("seq" BIGSERIAL NOT NULL, "session_id" character varying(128) NOT NULL, "stream_id" character varying(128) NOT NULL, "message" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_335a3ea8742f0e870776805d125" PRIMARY KEY ("seq"))`);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_stream_events_stream" ON "mcp_stream_events"  ("session_id", "stream_id", "seq") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_stream_events_created_at" ON "mcp_stream_events"  ("created_at") `);
        await queryRunner.query(`ALTER TABLE "mcp_logs" ADD CONSTRAINT "FK_935bc0ebb3cd49e030214be7450" FOREIGN KEY ("session_id") REFERENCES "mcp_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "mcp_tool_calls" ADD CONSTRAINT "FK_0d2f8fd3520eb9643268bc8c8ac" FOREIGN KEY ("session_id") REFERENCES "mcp_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "mcp_tool_calls" DROP CONSTRAINT "FK_0d2f8fd3520eb9643268bc8c8ac"`);
        await queryRunner.query(`ALTER TABLE "mcp_logs" DROP CONSTRAINT "FK_935bc0ebb3cd49e030214be7450"`);
        await queryRunner.query(`DROP INDEX "IDX_mcp_stream_events_created_at"`);
        await queryRunner.query(`DROP INDEX "IDX_mcp_stream_events_stream"`);
        await queryRunner.query(`DROP TABLE "mcp_stream_events"`);
        await queryRunner.query(`DROP TABLE "mcp_prompts"`);
        await queryRunner.query(`DROP TABLE "mcp_resources"`);
        await queryRunner.query(`DROP TABLE "mcp_tools"`);
        await queryRunner.query(`DROP INDEX "IDX_mcp_tool_calls_tool_created"`);
        await queryRunner.query(`DROP INDEX "IDX_mcp_tool_calls_created_at"`);
        await queryRunner.query(`DROP INDEX "IDX_mcp_tool_calls_session_created"`);
        await queryRunner.query(`DROP TABLE "mcp_tool_calls"`);
        await queryRunner.query(`DROP INDEX "IDX_mcp_logs_created_at"`);
        await queryRunner.query(`DROP INDEX "IDX_mcp_logs_session_created"`);
        await queryRunner.query(`DROP TABLE "mcp_logs"`);
        await queryRunner.query(`DROP INDEX "IDX_mcp_sessions_principal_id"`);
        await queryRunner.query(`DROP INDEX "IDX_mcp_sessions_last_seen_at"`);
        await queryRunner.query(`DROP TABLE "mcp_sessions"`);
    }

}
