import { Injectable } from '@nestjs/common';
import { McpContent, McpTool, McpUserError, type McpContext } from 'nestjs-fastmcp';
import { z } from 'zod';
import { JSON_SCHEMA_2020_12_INPUT, sleep, TEST_AUDIO_BASE64, TEST_IMAGE_BASE64 } from './fixtures.js';

/** Tools whose result shape, notifications or schema the scenarios inspect. */
@Injectable()
export class ContentToolsService {
  @McpTool({ name: 'test_simple_text', description: 'Tests simple text content response' })
  simpleText() {
    return 'This is a simple text response for testing.';
  }

  @McpTool({ name: 'test_image_content', description: 'Tests image content response' })
  image() {
    return McpContent.image(Buffer.from(TEST_IMAGE_BASE64, 'base64'), 'image/png');
  }

  @McpTool({ name: 'test_audio_content', description: 'Tests audio content response' })
  audio() {
    return McpContent.audio(Buffer.from(TEST_AUDIO_BASE64, 'base64'), 'audio/wav');
  }

  @McpTool({ name: 'test_embedded_resource', description: 'Tests embedded resource content response' })
  embeddedResource() {
    return McpContent.resource('test://embedded-resource', 'This is an embedded resource content.', 'text/plain');
  }

  @McpTool({ name: 'test_multiple_content_types', description: 'Tests response with multiple content types (text, image, resource)' })
  async multipleContentTypes() {
    return [
      McpContent.text('Multiple content types test:'),
      await McpContent.image(Buffer.from(TEST_IMAGE_BASE64, 'base64'), 'image/png'),
      await McpContent.resource('test://mixed-content-resource', JSON.stringify({ test: 'data', value: 123 }), 'application/json'),
    ];
  }

  @McpTool({ name: 'test_error_handling', description: 'Tests error response handling' })
  errorHandling(): never {
    throw new McpUserError('This tool intentionally returns an error for testing');
  }

  @McpTool({ name: 'test_tool_with_logging', description: 'Tests tool that emits log messages during execution' })
  async withLogging(_args: unknown, ctx: McpContext) {
    ctx.log.info('Tool execution started');
    await sleep(50);
    ctx.log.info('Tool processing data');
    await sleep(50);
    ctx.log.info('Tool execution completed');
    return 'Tool with logging executed successfully';
  }

  /** `server-stateless`: a 2026-07-28 request without `_meta` log level must get no log message. */
  @McpTool({ name: 'test_logging_tool', description: 'Logs at info level; clients that set no log level must receive nothing' })
  logging(_args: unknown, ctx: McpContext) {
    ctx.log.info('test_logging_tool ran');
    return 'Logged one info message';
  }

  @McpTool({ name: 'test_tool_with_progress', description: 'Tests tool that reports progress notifications' })
  async withProgress(_args: unknown, ctx: McpContext) {
    for (const progress of [0, 50, 100]) {
      await ctx.reportProgress(progress, 100, `Completed step ${progress} of 100`);
      if (progress < 100) await sleep(50, ctx.signal);
    }
    return String(ctx.meta?.progressToken ?? 'no progress token');
  }

  /** `server-sse-polling` (SEP-1699): the result must arrive on the stream the client resumes. */
  @McpTool({ name: 'test_reconnection', description: 'Closes the SSE stream mid-call; the result arrives after the client reconnects' })
  async reconnection(_args: unknown, ctx: McpContext) {
    ctx.closeStream();
    await sleep(100, ctx.signal);
    return 'Reconnection test completed successfully. If you received this, the client properly reconnected after stream closure.';
  }

  @McpTool({
    name: 'json_schema_2020_12_tool',
    description: 'Tool with JSON Schema 2020-12 features',
    input: JSON_SCHEMA_2020_12_INPUT,
  })
  jsonSchema202012(args: Record<string, unknown>) {
    return `JSON Schema 2020-12 tool called with: ${JSON.stringify(args)}`;
  }

  /** `http-custom-header-server-validation` (SEP-2243): `region` is mirrored as `Mcp-Param-Region`. */
  @McpTool({
    name: 'test_custom_headers',
    description: 'A tool whose region parameter travels in the Mcp-Param-Region header',
    input: z.object({
      region: z.string().meta({ description: 'Deployment region', 'x-mcp-header': 'Region' }),
      query: z.string().meta({ description: 'Not mirrored in a header' }),
    }),
  })
  customHeaders({ region, query }: { region: string; query: string }) {
    return `region=${region} query=${query}`;
  }
}
