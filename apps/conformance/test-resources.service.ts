import { Injectable } from '@nestjs/common';
import { McpResource } from 'nestjs-fastmcp';
import { TEST_IMAGE_BASE64 } from './fixtures.js';

@Injectable()
export class TestResourcesService {
  @McpResource({ uri: 'test://static-text', name: 'static-text', title: 'Static Text Resource', description: 'A static text resource for testing', mimeType: 'text/plain' })
  staticText() {
    return 'This is the content of the static text resource.';
  }

  @McpResource({ uri: 'test://static-binary', name: 'static-binary', title: 'Static Binary Resource', description: 'A static binary resource (image) for testing', mimeType: 'image/png' })
  staticBinary() {
    return Buffer.from(TEST_IMAGE_BASE64, 'base64');
  }

  @McpResource({ uriTemplate: 'test://template/{id}/data', name: 'template', title: 'Resource Template', description: 'A resource template with parameter substitution', mimeType: 'application/json' })
  template({ id }: { id: string }) {
    return { id, templateTest: true, data: `Data for ID: ${id}` };
  }

  /** `resources-subscribe` / `resources-unsubscribe` subscribe to this one. */
  @McpResource({ uri: 'test://watched-resource', name: 'watched-resource', title: 'Watched Resource', description: 'A resource clients subscribe to', mimeType: 'text/plain' })
  watched() {
    return 'Watched resource content';
  }
}
