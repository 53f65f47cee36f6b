import { Module, RequestMethod, VERSION_NEUTRAL, VersioningType } from '@nestjs/common';
import { ApplicationConfig, ModulesContainer } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { MODULE_PATH } from './nest-internals.js';
import type { McpRouteVersion } from './mcp-options.interface.js';
import { RoutePaths } from './route-paths.js';

@Module({})
class HostModule {}

function paths(
  configure: (config: ApplicationConfig) => void,
  version?: McpRouteVersion,
  moduleClass: object = HostModule,
): RoutePaths {
  const config = new ApplicationConfig();
  configure(config);
  return new RoutePaths(config, new ModulesContainer(), moduleClass, version);
}

describe('RoutePaths', () => {
  it('is the configured path without prefix or versioning', () => {
    expect(paths(() => undefined).all('/mcp')).toEqual(['/mcp']);
  });

  it('adds the global prefix and the default URI version', () => {
    const routes = paths((c) => {
      c.setGlobalPrefix('api');
      c.enableVersioning({ type: VersioningType.URI, defaultVersion: ['1', '2'] });
    });
    expect(routes.all('/mcp', RequestMethod.POST)).toEqual(['/api/v1/mcp', '/api/v2/mcp']);
    expect(routes.first('/sse')).toBe('/api/v1/sse');
  });

  it('honours the library’s own version (VERSION_NEUTRAL: no version segment)', () => {
    const routes = paths((c) => {
      c.setGlobalPrefix('api');
      c.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
    }, VERSION_NEUTRAL);
    expect(routes.first('/mcp')).toBe('/api/mcp');
  });

  it('puts a RouterModule path between the prefix and the route', () => {
    @Module({})
    class RoutedModule {}
    Reflect.defineMetadata(MODULE_PATH, '/ai', RoutedModule);
    const routes = paths((c) => c.setGlobalPrefix('api'), undefined, RoutedModule);
    expect(routes.first('/mcp')).toBe('/api/ai/mcp');
  });
});
