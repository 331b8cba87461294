import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { McpModule } from 'nestjs-fastmcp';
import { CatalogChangeToolsService } from './catalog-change-tools.service.js';
import { ClientRequestToolsService } from './client-request-tools.service.js';
import { ContentToolsService } from './content-tools.service.js';
import { TaskFixtureToolsService } from './task-fixture-tools.service.js';
import { TestPromptsService } from './test-prompts.service.js';
import { TestResourcesService } from './test-resources.service.js';

/**
 * Everything the server scenarios of the official conformance suite (`npm run conformance`)
 * call, built only from the public API. Fixture names and payloads follow the scenarios.
 */
@Module({
  imports: [McpModule.forRoot({ name: 'nestjs-fastmcp-conformance', version: '1.0.0' })],
  providers: [
    ContentToolsService,
    ClientRequestToolsService,
    CatalogChangeToolsService,
    TaskFixtureToolsService,
    TestResourcesService,
    TestPromptsService,
  ],
})
class ConformanceModule {}

const app = await NestFactory.create(ConformanceModule, { logger: ['error', 'warn'] });
await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
console.log(`MCP endpoint: ${await app.getUrl()}/mcp`);
