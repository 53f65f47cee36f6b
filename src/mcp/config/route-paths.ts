import { RequestMethod } from '@nestjs/common';
import type { ApplicationConfig, ModulesContainer } from '@nestjs/core';
import type { McpRouteVersion } from './mcp-options.interface.js';
import { MODULE_PATH, RoutePathFactory } from './nest-internals.js';

/** `'/a/b'` from path pieces with or without slashes; empty pieces vanish. */
export function joinPath(...parts: string[]): string {
  const pieces = parts.flatMap((p) => p.split('/')).filter((p) => p.length > 0);
  return `/${pieces.join('/')}`;
}

/**
 * Where the app serves a route of one of this library's controllers, as Nest builds it: the
 * global prefix (and its `exclude`), the URI version, the RouterModule path, the route's own
 * path. Several paths when the route answers several versions.
 */
export class RoutePaths {
  private readonly factory: RoutePathFactory;

  constructor(
    private readonly appConfig: ApplicationConfig,
    private readonly modules: ModulesContainer,
    /** The module class the controllers belong to (RouterModule keys its paths on it). */
    private readonly moduleClass: object,
    /** The controllers' own version (`version` option), else the app's default version. */
    private readonly version?: McpRouteVersion,
  ) {
    this.factory = new RoutePathFactory(appConfig);
  }

  /** Every path of `path` (as configured, e.g. `/mcp`) for `method`. */
  all(path: string, method: RequestMethod = RequestMethod.GET): string[] {
    const versioningOptions = this.appConfig.getVersioning();
    return this.factory.create(
      {
        ctrlPath: path,
        modulePath: this.modulePath(),
        globalPrefix: this.appConfig.getGlobalPrefix(),
        controllerVersion: versioningOptions
          ? (this.version ?? versioningOptions.defaultVersion)
          : undefined,
        versioningOptions,
      },
      method,
    );
  }

  /** The first path of `path` (the one documentation shows). */
  first(path: string, method: RequestMethod = RequestMethod.GET): string {
    return this.all(path, method)[0] ?? path;
  }

  private modulePath(): string | undefined {
    const id = this.modules.applicationId;
    return (Reflect.getMetadata(MODULE_PATH + id, this.moduleClass) ??
      Reflect.getMetadata(MODULE_PATH, this.moduleClass)) as string | undefined;
  }
}
