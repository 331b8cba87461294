import { Module } from '@nestjs/common';
import { McpModule } from 'nestjs-fastmcp';
import { McpRouteToolsModule } from 'nestjs-fastmcp/rest';
import { NotesController } from './notes.controller.js';

@Module({
  imports: [McpModule.forRoot({ name: 'notes', version: '1.0.0' }), McpRouteToolsModule],
  controllers: [NotesController],
})
export class NotesAppModule {}
