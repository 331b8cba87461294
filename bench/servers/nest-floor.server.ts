/**
 * The Express floor: the ceiling's fixed answers from a Nest controller route on Express (body
 * parsed by Nest's default JSON parser, `@Req()`/`@Res()` as our MCP routes use them). No MCP
 * server that Express routes can cost less per request than this; ours, served ahead of
 * Express by its front door when nothing on the path needs Express, can.
 */
import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Module, Post, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { answerFixed, type FixedAnswerMessage } from './fixed-answer.js';

@Controller()
class FixedAnswerController {
  @Post('mcp')
  answer(@Req() req: IncomingMessage & { body: FixedAnswerMessage }, @Res() res: ServerResponse): void {
    answerFixed(req.headers['mcp-session-id'], req.body, res);
  }
}

@Module({ controllers: [FixedAnswerController] })
class FloorModule {}

const app = await NestFactory.create(FloorModule, { logger: ['error', 'warn'] });
await app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
