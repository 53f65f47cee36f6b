import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { McpModuleExtras, McpModuleOptions } from './mcp-options.interface.js';

const definition = new ConfigurableModuleBuilder<McpModuleOptions>({ moduleName: 'Mcp' })
  .setClassMethodName('forRoot')
  .setExtras<McpModuleExtras>({ path: 'mcp', isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal ?? true,
  }))
  .build();

export const {
  ConfigurableModuleClass: McpConfigurableModule,
  OPTIONS_TYPE: MCP_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: MCP_ASYNC_OPTIONS_TYPE,
} = definition;

/** The injection token of the resolved options: `@Inject(MCP_MODULE_OPTIONS) options: McpModuleOptions`. */
export const MCP_MODULE_OPTIONS = definition.MODULE_OPTIONS_TOKEN;
