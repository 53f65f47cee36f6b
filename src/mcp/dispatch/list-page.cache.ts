import type { McpPrincipal } from '../security/principal.interface.js';

const MAX_PAGES = 256;

/**
 * Serialised list pages, kept until the list changes. What a caller may see depends only on
 * its kind, scopes and roles (see canUse), so callers alike share pages: a `tools/list` of a
 * thousand tools costs about what a one-tool list does. Bounded: cleared when full.
 */
export class ListPageCache<T> {
  private readonly pages = new Map<string, T>();

  get(principal: McpPrincipal, cursor: unknown, build: () => T): T {
    // A malformed cursor is never cached: build() rejects it every time.
    if (cursor !== undefined && typeof cursor !== 'string') return build();
    const key = `${principal.kind}\u0000${principal.scopes.join(' ')}\u0000${principal.roles.join(' ')}\u0000${cursor ?? ''}`;
    let page = this.pages.get(key);
    if (page === undefined) {
      page = build();
      if (this.pages.size >= MAX_PAGES) this.pages.clear();
      this.pages.set(key, page);
    }
    return page;
  }

  clear(): void {
    this.pages.clear();
  }
}
