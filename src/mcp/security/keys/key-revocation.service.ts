import { Inject, Injectable } from '@nestjs/common';
import { MessageBus } from '../../bus/message-bus.interface.js';

/**
 * Tells every replica that an agent key was revoked or changed: each forgets its cached copy
 * at once (through the Redis bus when several replicas run), so the next request signed with
 * it is checked against your key store again.
 * @example
 * constructor(private readonly revocation: McpKeyRevocation) {}
 * async revoke(keyid: string) { await this.db.deleteKey(keyid); await this.revocation.invalidate(keyid); }
 */
@Injectable()
export class McpKeyRevocation {
  constructor(@Inject(MessageBus) private readonly bus: MessageBus) {}

  /** Forgets one key everywhere, or every cached key when called without one. */
  invalidate(keyid?: string): Promise<void> {
    return this.bus.publish({ kind: 'key-invalidated', keyid });
  }
}
