import { Command } from 'commander';
import type { Prompt, Resource, ResourceTemplateType, Tool } from '@modelcontextprotocol/client';
import { addConnectionOptions, withConnection, writeJson, type CliContext, type ConnectionFlags } from './cli-context.js';
import { resolveTarget } from './cli-target.js';
import type { McpConnection } from './mcp-connection.js';
import { fieldsOf } from './schema-fields.js';
import { TerminalStyle } from './terminal-style.js';
import { renderTable } from './text-table.js';

interface Catalog {
  tools: Tool[];
  resources: Resource[];
  resourceTemplates: ResourceTemplateType[];
  prompts: Prompt[];
}

/** Lists only what the server says it has: asking for an absent capability is a JSON-RPC error. */
async function readCatalog({ client }: McpConnection): Promise<Catalog> {
  const capabilities = client.getServerCapabilities() ?? {};
  const [tools, resources, resourceTemplates, prompts] = await Promise.all([
    capabilities.tools ? client.listTools().then((page) => page.tools) : [],
    capabilities.resources ? client.listResources().then((page) => page.resources) : [],
    capabilities.resources ? client.listResourceTemplates().then((page) => page.resourceTemplates) : [],
    capabilities.prompts ? client.listPrompts().then((page) => page.prompts) : [],
  ]);
  return { tools, resources, resourceTemplates, prompts };
}

function section(title: string, count: number, style: TerminalStyle, table: () => string): string {
  const heading = style.paint('bold', `${title} (${count})`);
  return count === 0 ? `${heading}\n  none` : `${heading}\n${table()}`;
}

function renderCatalog(connection: McpConnection, catalog: Catalog, style: TerminalStyle): string {
  const server = connection.client.getServerVersion();
  const transport = connection.target.kind === 'stdio' ? 'stdio' : connection.sse ? 'HTTP+SSE' : 'Streamable HTTP';
  const title = `${style.paint('bold', server?.name ?? 'server')} ${server?.version ?? ''}`.trimEnd();
  const instructions = connection.client.getInstructions()?.trim();
  const blocks = [
    `${title}  ${style.paint('dim', `protocol ${connection.protocolVersion ?? '?'}, ${transport}`)}${instructions ? `\n${instructions}` : ''}`,
  ];
  blocks.push(
    section('Tools', catalog.tools.length, style, () =>
      renderTable(
        ['NAME', 'DESCRIPTION', 'REQUIRED', 'OPTIONAL'],
        catalog.tools.map((tool) => {
          const { required, optional } = fieldsOf(tool.inputSchema);
          return [tool.name, tool.description ?? tool.title ?? '', required.join(', '), optional.join(', ')];
        }),
        style,
      ),
    ),
    section('Resources', catalog.resources.length, style, () =>
      renderTable(
        ['URI', 'NAME', 'MIME TYPE', 'DESCRIPTION'],
        catalog.resources.map((resource) => [resource.uri, resource.name, resource.mimeType ?? '', resource.description ?? '']),
        style,
      ),
    ),
    section('Resource templates', catalog.resourceTemplates.length, style, () =>
      renderTable(
        ['URI TEMPLATE', 'NAME', 'MIME TYPE', 'DESCRIPTION'],
        catalog.resourceTemplates.map((template) => [template.uriTemplate, template.name, template.mimeType ?? '', template.description ?? '']),
        style,
      ),
    ),
    section('Prompts', catalog.prompts.length, style, () =>
      renderTable(
        ['NAME', 'DESCRIPTION', 'REQUIRED', 'OPTIONAL'],
        catalog.prompts.map((prompt) => {
          const args = prompt.arguments ?? [];
          const names = (required: boolean) => args.filter((arg) => (arg.required === true) === required).map((arg) => arg.name).join(', ');
          return [prompt.name, prompt.description ?? prompt.title ?? '', names(true), names(false)];
        }),
        style,
      ),
    ),
  );
  return `${blocks.join('\n\n')}\n`;
}

export function inspectCommand(context: CliContext): Command {
  return addConnectionOptions(
    new Command('inspect')
      .description('list the tools, resources, resource templates and prompts of a server')
      .usage('[options] <url>\n       nestjs-fastmcp inspect [options] -- <command> [args...]')
      .argument('[url]', "the server's Streamable HTTP URL; leave it out when the server's command follows --"),
  ).action(async (url: string | undefined, flags: ConnectionFlags) => {
    const { target } = resolveTarget([url], context.serverCommand, []);
    await withConnection(context, target, flags, async (connection) => {
      const catalog = await readCatalog(connection);
      if (flags.json) {
        const { client } = connection;
        writeJson(context.stdout, {
          server: client.getServerVersion(),
          protocolVersion: connection.protocolVersion,
          capabilities: client.getServerCapabilities(),
          instructions: client.getInstructions(),
          ...catalog,
        });
      } else {
        context.stdout.write(renderCatalog(connection, catalog, new TerminalStyle(context.stdout)));
      }
    });
  });
}
