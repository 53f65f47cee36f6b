// The one file that reaches into Nest's internals (not semver-protected). The library finds
// its own routes under any global prefix, URI version or RouterModule path by asking Nest's
// own path builder, rather than re-deriving Nest's rules.
export { MODULE_PATH, VERSION_METADATA } from '@nestjs/common/internal';
export { RoutePathFactory } from '@nestjs/core/router/route-path-factory.js';
export type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
// Exception filters of MCP handlers, applied without Nest's ERROR line (QuietExceptionFilters).
export { ExternalExceptionFilterContext } from '@nestjs/core/exceptions/external-exception-filter-context.js';
export { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
