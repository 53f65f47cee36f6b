import { Get } from '@nestjs/common';

/**
 * Routes `GET path` to a method of a generated controller, only when the path is configured:
 * operational endpoints can each be turned off, so their routes are decided at import time.
 */
export function routeGet(target: { prototype: object }, method: string, path: string | undefined): void {
  if (path === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target.prototype, method);
  if (!descriptor) throw new Error(`routeGet: no method ${method}`);
  Get(path)(target.prototype, method, descriptor);
}
