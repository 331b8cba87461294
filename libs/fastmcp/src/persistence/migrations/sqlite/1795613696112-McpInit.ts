import { MigrationInterface, QueryRunner } from "typeorm";

export class McpInit1795613696112 implements MigrationInterface {
    name = 'McpInit1795613696112'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "mcp_sessions" ("id" varchar(128) PRIMARY KEY NOT NULL, "transport" varchar(32) NOT NULL, "protocol_version" varchar(32), "client_info" text, "client_capabilities" text, "log_level" varchar(16), "principal_id" varchar(255), "created_at" datetime NOT NULL, "last_seen_at" datetime NOT NULL, "closed_at" datetime, "close_reason" varchar(255))`);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_sessions_last_seen_at" ON "mcp_sessions" ("last_seen_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_sessions_principal_id" ON "mcp_sessions" ("principal_id") `);
        await queryRunner.query(`CREATE TABLE "mcp_logs" ("id" varchar(36) PRIMARY KEY NOT NULL, "session_id" varchar(128), "principal_id" varchar(255), "client_info" text, "protocol_version" varchar(32), "era" varchar(8) NOT NULL, "transport" varchar(32) NOT NULL, "level" varchar(16) NOT NULL, "logger" varchar(255) NOT NULL, "message" text NOT NULL, "data" text, "created_at" datetime NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_logs_session_created" ON "mcp_logs" ("session_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_logs_created_at" ON "mcp_logs" ("created_at") `);
        await queryRunner.query(`CREATE TABLE "mcp_tool_calls" ("id" varchar(36) PRIMARY KEY NOT NULL, "session_id" varchar(128), "principal_id" varchar(255), "client_info" text, "protocol_version" varchar(32), "era" varchar(8) NOT NULL, "transport" varchar(32) NOT NULL, "request_id" varchar(128) NOT NULL, "tool" varchar(255) NOT NULL, "arguments" text, "outcome" varchar(16) NOT NULL, "error" text, "duration_ms" real NOT NULL, "created_at" datetime NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_tool_calls_session_created" ON "mcp_tool_calls" ("session_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_tool_calls_created_at" ON "mcp_tool_calls" ("created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_tool_calls_tool_created" ON "mcp_tool_calls" ("tool", "created_at") `);
        await queryRunner.query(`CREATE TABLE "mcp_tools" ("name" varchar(255) PRIMARY KEY NOT NULL, "input_schema" text NOT NULL, "output_schema" text, "title" varchar(255), "description" text, "metadata" text, "source" varchar(512) NOT NULL, "enabled" boolean NOT NULL, "registered" boolean NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
        await queryRunner.query(`CREATE TABLE "mcp_resources" ("kind" varchar(16) NOT NULL, "key" varchar(1024) NOT NULL, "name" varchar(255) NOT NULL, "uri" varchar(1024), "uri_template" varchar(1024), "mime_type" varchar(255), "title" varchar(255), "description" text, "metadata" text, "source" varchar(512) NOT NULL, "enabled" boolean NOT NULL, "registered" boolean NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, PRIMARY KEY ("kind", "key"))`);
        await queryRunner.query(`CREATE TABLE "mcp_prompts" ("name" varchar(255) PRIMARY KEY NOT NULL, "arguments" text, "arguments_schema" text, "title" varchar(255), "description" text, "metadata" text, "source" varchar(512) NOT NULL, "enabled" boolean NOT NULL, "registered" boolean NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
        await queryRunner.query(`CREATE TABLE "mcp_stream_events" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "session_id" varchar(128) NOT NULL, "stream_id" varchar(128) NOT NULL, "message" text NOT NULL, "created_at" datetime NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_stream_events_stream" ON "mcp_stream_events" ("session_id", "stream_id", "seq") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_stream_events_created_at" ON "mcp_stream_events" ("created_at") `);
        await queryRunner.query(`DROP INDEX "IDX_mcp_logs_session_created"`);
        await queryRunner.query(`DROP INDEX "IDX_mcp_logs_created_at"`);
        await queryRunner.query(`CREATE TABLE "temporary_mcp_logs" ("id" varchar(36) PRIMARY KEY NOT NULL, "session_id" varchar(128), "principal_id" varchar(255), "client_info" text, "protocol_version" varchar(32), "era" varchar(8) NOT NULL, "transport" varchar(32) NOT NULL, "level" varchar(16) NOT NULL, "logger" varchar(255) NOT NULL, "message" text NOT NULL, "data" text, "created_at" datetime NOT NULL, CONSTRAINT "FK_935bc0ebb3cd49e030214be7450" FOREIGN KEY ("session_id") REFERENCES "mcp_sessions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_mcp_logs"("id", "session_id", "principal_id", "client_info", "protocol_version", "era", "transport", "level", "logger", "message", "data", "created_at") SELECT "id", "session_id", "principal_id", "client_info", "protocol_version", "era", "transport", "level", "logger", "message", "data", "created_at" FROM "mcp_logs"`);
        await queryRunner.query(`DROP TABLE "mcp_logs"`);
        await queryRunner.query(`ALTER TABLE "temporary_mcp_logs" RENAME TO "mcp_logs"`);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_logs_session_created" ON "mcp_logs" ("session_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_logs_created_at" ON "mcp_logs" ("created_at") `);
        await queryRunner.query(`DROP INDEX "IDX_mcp_tool_calls_session_created"`);
        await queryRunner.query(`DROP INDEX "IDX_mcp_tool_calls_created_at"`);
        await queryRunner.query(`DROP INDEX "IDX_mcp_tool_calls_tool_created"`);
        await queryRunner.query(`CREATE TABLE "temporary_mcp_tool_calls" ("id" varchar(36) PRIMARY KEY NOT NULL, "session_id" varchar(128), "principal_id" varchar(255), "client_info" text, "protocol_version" varchar(32), "era" varchar(8) NOT NULL, "transport" varchar(32) NOT NULL, "request_id" varchar(128) NOT NULL, "tool" varchar(255) NOT NULL, "arguments" text, "outcome" varchar(16) NOT NULL, "error" text, "duration_ms" real NOT NULL, "created_at" datetime NOT NULL, CONSTRAINT "FK_0d2f8fd3520eb9643268bc8c8ac" FOREIGN KEY ("session_id") REFERENCES "mcp_sessions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_mcp_tool_calls"("id", "session_id", "principal_id", "client_info", "protocol_version", "era", "transport", "request_id", "tool", "arguments", "outcome", "error", "duration_ms", "created_at") SELECT "id", "session_id", "principal_id", "client_info", "protocol_version", "era", "transport", "request_id", "tool", "arguments", "outcome", "error", "duration_ms", "created_at" FROM "mcp_tool_calls"`);
        await queryRunner.query(`DROP TABLE "mcp_tool_calls"`);
        await queryRunner.query(`ALTER TABLE "temporary_mcp_tool_calls" RENAME TO "mcp_tool_calls"`);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_tool_calls_session_created" ON "mcp_tool_calls" ("session_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_tool_calls_created_at" ON "mcp_tool_calls" ("created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_tool_calls_tool_created" ON "mcp_tool_calls" ("tool", "created_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_mcp_tool_calls_tool_created"`);
        await queryRunner.query(`DROP INDEX "IDX_mcp_tool_calls_created_at"`);
        await queryRunner.query(`DROP INDEX "IDX_mcp_tool_calls_session_created"`);
        await queryRunner.query(`ALTER TABLE "mcp_tool_calls" RENAME TO "temporary_mcp_tool_calls"`);
        await queryRunner.query(`CREATE TABLE "mcp_tool_calls" ("id" varchar(36) PRIMARY KEY NOT NULL, "session_id" varchar(128), "principal_id" varchar(255), "client_info" text, "protocol_version" varchar(32), "era" varchar(8) NOT NULL, "transport" varchar(32) NOT NULL, "request_id" varchar(128) NOT NULL, "tool" varchar(255) NOT NULL, "arguments" text, "outcome" varchar(16) NOT NULL, "error" text, "duration_ms" real NOT NULL, "created_at" datetime NOT NULL)`);
        await queryRunner.query(`INSERT INTO "mcp_tool_calls"("id", "session_id", "principal_id", "client_info", "protocol_version", "era", "transport", "request_id", "tool", "arguments", "outcome", "error", "duration_ms", "created_at") SELECT "id", "session_id", "principal_id", "client_info", "protocol_version", "era", "transport", "request_id", "tool", "arguments", "outcome", "error", "duration_ms", "created_at" FROM "temporary_mcp_tool_calls"`);
        await queryRunner.query(`DROP TABLE "temporary_mcp_tool_calls"`);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_tool_calls_tool_created" ON "mcp_tool_calls" ("tool", "created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_tool_calls_created_at" ON "mcp_tool_calls" ("created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_tool_calls_session_created" ON "mcp_tool_calls" ("session_id", "created_at") `);
        await queryRunner.query(`DROP INDEX "IDX_mcp_logs_created_at"`);
        await queryRunner.query(`DROP INDEX "IDX_mcp_logs_session_created"`);
        await queryRunner.query(`ALTER TABLE "mcp_logs" RENAME TO "temporary_mcp_logs"`);
        await queryRunner.query(`CREATE TABLE "mcp_logs" ("id" varchar(36) PRIMARY KEY NOT NULL, "session_id" varchar(128), "principal_id" varchar(255), "client_info" text, "protocol_version" varchar(32), "era" varchar(8) NOT NULL, "transport" varchar(32) NOT NULL, "level" varchar(16) NOT NULL, "logger" varchar(255) NOT NULL, "message" text NOT NULL, "data" text, "created_at" datetime NOT NULL)`);
        await queryRunner.query(`INSERT INTO "mcp_logs"("id", "session_id", "principal_id", "client_info", "protocol_version", "era", "transport", "level", "logger", "message", "data", "created_at") SELECT "id", "session_id", "principal_id", "client_info", "protocol_version", "era", "transport", "level", "logger", "message", "data", "created_at" FROM "temporary_mcp_logs"`);
        await queryRunner.query(`DROP TABLE "temporary_mcp_logs"`);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_logs_created_at" ON "mcp_logs" ("created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_mcp_logs_session_created" ON "mcp_logs" ("session_id", "created_at") `);
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
