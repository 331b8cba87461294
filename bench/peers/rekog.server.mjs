// @rekog/mcp-nest 2.0.5: Nest 12 + its microservice transport strategy, Streamable HTTP in
// stateful mode (its session mode; framing at its default for that mode). Plain JS, so the
// decorators are applied by hand exactly as TypeScript would apply them.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { McpController, McpStrategy, StreamableHttpTransport, Tool } from '@rekog/mcp-nest';
import { z } from 'zod';

class EchoController {
  echo({ text }) {
    return { content: [{ type: 'text', text }] };
  }
}
Payload()(EchoController.prototype, 'echo', 0);
const descriptor = Object.getOwnPropertyDescriptor(EchoController.prototype, 'echo');
Tool({ name: 'echo', description: 'Echo the text back', parameters: z.object({ text: z.string() }) })(EchoController.prototype, 'echo', descriptor);
McpController()(EchoController);

const mcp = new McpStrategy({
  name: 'rekog-bench',
  version: '1.0.0',
  transports: [new StreamableHttpTransport({ statefulMode: true })],
});

class AppModule {}
Module({ controllers: [EchoController] })(AppModule);

const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
mcp.setHttpAdapter(app.getHttpAdapter());
app.connectMicroservice({ strategy: mcp });
await app.startAllMicroservices();
await app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
