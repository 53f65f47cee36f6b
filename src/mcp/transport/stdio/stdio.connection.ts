import { type Readable, type Writable } from 'node:stream';
import { type JsonRpcErrorResponse, type JsonRpcMessage } from '../../protocol/jsonrpc.types.js';
import { JSON_RPC_PARSE_ERROR } from './stdio.constants.js';
import { describeError, StdioMessages } from './stdio.messages.js';
import { StdioFrameDecoder } from './stdio-frame.decoder.js';
import { encodeFrame } from './stdio-frame.encoder.js';
import {
  type StdioConnectionOptions,
  type StdioFrameEvent,
  type StdioLogger,
  type StdioMessageHandler,
} from './stdio-framing.types.js';

/**
 * One MCP session over a pair of streams (normally stdin/stdout). Messages are handed to the
 * handler concurrently; replies use the framing the client chose. Only protocol frames are
 * ever written to `output`; diagnostics go to the logger.
 *
 * @example
 * const connection = new StdioConnection(process.stdin, process.stdout, (text, send) =>
 *   dispatcher.handle(text, send),
 * );
 * connection.start();
 * process.once('SIGTERM', () => void connection.shutdown(5_000).then(() => process.exit(0)));
 * await connection.closed;
 */
export class StdioConnection {
  /** Resolves once input has ended (or shutdown began), handlers settled and output flushed. */
  readonly closed: Promise<void>;

  private readonly decoder: StdioFrameDecoder;
  private readonly logger?: StdioLogger;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly queue: Buffer[] = [];
  /** Frames of this turn of the event loop, written together (one write, not one per message). */
  private batch: Buffer[] = [];
  private flushScheduled = false;
  private awaitingDrain = false;
  private unconfirmedWrites = 0;
  private flushWaiters: (() => void)[] = [];
  private outputBroken = false;
  private started = false;
  private isClosed = false;
  private finishing?: Promise<void>;
  private graceTimer?: NodeJS.Timeout;
  private resolveClosed!: () => void;
  private giveUp!: () => void;
  private readonly gaveUp: Promise<void>;

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    private readonly handler: StdioMessageHandler,
    options: StdioConnectionOptions = {},
  ) {
    this.decoder = new StdioFrameDecoder({ maxMessageBytes: options.maxMessageBytes });
    this.logger = options.logger;
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.gaveUp = new Promise((resolve) => (this.giveUp = resolve));
  }

  /** Starts reading input. Calling it again does nothing. */
  start(): void {
    if (this.started || this.isClosed) return;
    this.started = true;
    this.output.on('drain', this.onDrain);
    this.output.on('error', this.onOutputError);
    this.input.on('error', this.onInputError);
    this.input.on('end', this.onEnd);
    // A destroyed input may close without 'end'; either way no more messages will come.
    this.input.on('close', this.onEnd);
    this.input.on('data', this.onData);
  }

  /**
   * Stops reading input, waits up to `graceMs` for running handlers and for output to flush,
   * then resolves (together with {@link closed}). Meant for SIGTERM.
   */
  shutdown(graceMs: number): Promise<void> {
    this.stopReading();
    if (!this.isClosed && this.graceTimer === undefined) {
      this.graceTimer = setTimeout(this.giveUp, Math.max(0, graceMs));
    }
    this.finishing ??= this.finish();
    return this.closed;
  }

  /** Writes one message in the connection's framing, queueing it while output is backed up. */
  private readonly send = (message: JsonRpcMessage): void => {
    if (this.isClosed || this.outputBroken) {
      this.logger?.warn(StdioMessages.sendAfterClose());
      return;
    }
    let frame: Buffer;
    try {
      // Before the client's first byte the framing is unknown; ndjson is the spec default.
      frame = encodeFrame(message, this.decoder.framing ?? 'ndjson');
    } catch (error) {
      this.logger?.error(StdioMessages.encodeFailed(describeError(error)));
      return;
    }
    if (this.awaitingDrain) this.queue.push(frame);
    else {
      this.batch.push(frame);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.flushBatch);
      }
    }
  };

  // Pipelined requests answer within the same turn; stdout writes to a pipe are synchronous
  // system calls, so one write per turn instead of one per message is most of stdio's cost.
  private readonly flushBatch = (): void => {
    this.flushScheduled = false;
    const frames = this.batch;
    this.batch = [];
    if (frames.length === 0 || this.outputBroken) return this.notifyIfFlushed();
    const frame = frames.length === 1 ? frames[0] : Buffer.concat(frames);
    if (this.awaitingDrain) this.queue.push(frame);
    else this.write(frame);
  };

  private write(frame: Buffer): void {
    this.unconfirmedWrites++;
    const accepted = this.output.write(frame, () => {
      // Errors arrive through the 'error' event too, handled by onOutputError.
      this.unconfirmedWrites--;
      this.notifyIfFlushed();
    });
    if (!accepted) this.awaitingDrain = true;
  }

  private readonly onDrain = (): void => {
    this.awaitingDrain = false;
    while (!this.awaitingDrain && !this.outputBroken && this.queue.length > 0) {
      this.write(this.queue.shift()!);
    }
    this.notifyIfFlushed();
  };

  private readonly onData = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.handleEvents(this.decoder.push(bytes));
  };

  private readonly onEnd = (): void => {
    if (this.finishing) return;
    this.handleEvents(this.decoder.end());
    this.finishing = this.finish();
  };

  private readonly onInputError = (error: unknown): void => {
    this.logger?.error(StdioMessages.inputFailed(describeError(error)));
    this.onEnd();
  };

  private readonly onOutputError = (error: unknown): void => {
    if (!this.outputBroken) this.logger?.error(StdioMessages.outputFailed(describeError(error)));
    this.outputBroken = true;
    this.queue.length = 0;
    this.batch = [];
    this.notifyIfFlushed();
  };

  private handleEvents(events: StdioFrameEvent[]): void {
    for (const event of events) {
      if (event.kind === 'message') this.dispatch(event.text);
      else this.send(parseError(event.reason));
    }
  }

  // Not awaited: requests run concurrently, and the set lets close wait for them.
  private dispatch(text: string): void {
    const run = this.invoke(text);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  private async invoke(text: string): Promise<void> {
    try {
      await this.handler(text, this.send);
    } catch (error) {
      this.logger?.error(StdioMessages.handlerFailed(describeError(error)));
    }
  }

  private async finish(): Promise<void> {
    await Promise.race([this.settleInFlight(), this.gaveUp]);
    await Promise.race([this.flushed(), this.gaveUp]);
    if (this.inFlight.size > 0)
      this.logger?.warn(StdioMessages.abandonedHandlers(this.inFlight.size));
    this.isClosed = true;
    clearTimeout(this.graceTimer);
    this.stopReading();
    this.output.off('drain', this.onDrain);
    // The 'error' listeners stay: a late EPIPE on stdout must not crash the process.
    this.resolveClosed();
  }

  private async settleInFlight(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private flushed(): Promise<void> {
    if (this.isFlushed()) return Promise.resolve();
    return new Promise((resolve) => this.flushWaiters.push(resolve));
  }

  private isFlushed(): boolean {
    return (
      this.outputBroken ||
      (this.queue.length === 0 && this.batch.length === 0 && this.unconfirmedWrites === 0)
    );
  }

  private notifyIfFlushed(): void {
    if (!this.isFlushed()) return;
    const waiters = this.flushWaiters;
    this.flushWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private stopReading(): void {
    this.input.off('data', this.onData);
    this.input.off('end', this.onEnd);
    this.input.off('close', this.onEnd);
    this.input.pause();
  }
}

function parseError(reason: string): JsonRpcErrorResponse {
  return {
    jsonrpc: '2.0',
    id: null,
    error: { code: JSON_RPC_PARSE_ERROR, message: StdioMessages.parseError(), data: { reason } },
  };
}
