import { Injectable } from '@nestjs/common';
import { McpRegistry, McpTool } from 'nestjs-fastmcp';

/**
 * `server-stateless` mutates the catalog through these hooks and expects list_changed
 * notifications on its open `subscriptions/listen` stream. Each call toggles one runtime entry.
 */
@Injectable()
export class CatalogChangeToolsService {
  constructor(private readonly registry: McpRegistry) {}

  @McpTool({ name: 'test_trigger_tool_change', description: 'Adds or removes the test_dynamic_tool tool' })
  triggerToolChange() {
    if (this.registry.removeTool('test_dynamic_tool')) return 'Removed test_dynamic_tool';
    this.registry.addTool({ name: 'test_dynamic_tool', description: 'Added at runtime', handler: () => 'dynamic' });
    return 'Added test_dynamic_tool';
  }

  @McpTool({ name: 'test_trigger_prompt_change', description: 'Adds or removes the test_dynamic_prompt prompt' })
  triggerPromptChange() {
    if (this.registry.removePrompt('test_dynamic_prompt')) return 'Removed test_dynamic_prompt';
    this.registry.addPrompt({ name: 'test_dynamic_prompt', description: 'Added at runtime', handler: () => 'dynamic' });
    return 'Added test_dynamic_prompt';
  }
}
