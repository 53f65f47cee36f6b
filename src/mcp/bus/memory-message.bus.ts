import { randomBytes } from 'node:crypto';
import type { BusEvent, MessageBus } from './message-bus.interface.js';

/** One process is the whole cluster: events are delivered synchronously to local listeners. */
export class MemoryMessageBus implements MessageBus {
  readonly replicaId = randomBytes(9).toString('base64url');
  private readonly listeners = new Set<(event: BusEvent) => void>();

  async publish(event: BusEvent): Promise<void> {
    for (const listener of [...this.listeners]) listener(event);
  }

  subscribe(listener: (event: BusEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async isAlive(replicaId: string): Promise<boolean> {
    return replicaId === this.replicaId;
  }
}
