import { createParser, type EventSourceMessage } from 'eventsource-parser';

type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

/** One parsed SSE event plus the `retry` value seen with it (if any). */
export interface SseEvent extends EventSourceMessage {
  retry?: number;
}

/**
 * Reads a Server-Sent Events body with `eventsource-parser` (never by hand) and hands events
 * out in order: `next()` waits for the next one, `ended` resolves when the body ends.
 */
export class SseReader {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  /** Every `retry:` value seen, events or not (a closing stream may send one alone). */
  readonly retries: number[] = [];
  readonly ended: Promise<void>;
  private cursor = 0;
  private pendingRetry: number | undefined;
  private done = false;
  private wake: (() => void) | undefined;
  private abort = false;

  constructor(source: ByteSource) {
    const parser = createParser({
      onEvent: (event) => {
        this.events.push({
          ...event,
          ...(this.pendingRetry === undefined ? {} : { retry: this.pendingRetry }),
        });
        this.pendingRetry = undefined;
        this.notify();
      },
      onRetry: (ms) => {
        this.pendingRetry = ms;
        this.retries.push(ms);
      },
      onComment: (comment) => {
        this.comments.push(comment);
      },
    });
    this.ended = this.pump(source, (text) => parser.feed(text)).finally(() => {
      this.done = true;
      this.notify();
    });
  }

  /** The next event, or an error once the body ended or `timeoutMs` passed without one. */
  async next(timeoutMs = 5_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    while (this.cursor >= this.events.length) {
      if (this.done) throw new Error('SSE stream ended before the next event');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no SSE event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.events[this.cursor++];
  }

  /** The JSON payload of the next event that carries data. */
  async nextMessage(timeoutMs = 5_000): Promise<Record<string, unknown>> {
    for (;;) {
      const event = await this.next(timeoutMs);
      if (event.data !== '') return JSON.parse(event.data) as Record<string, unknown>;
    }
  }

  /** Stops reading (the source is cancelled on its next chunk). */
  stop(): void {
    this.abort = true;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async pump(source: ByteSource, feed: (text: string) => void): Promise<void> {
    const decoder = new TextDecoder();
    const iterable: AsyncIterable<Uint8Array | string> =
      Symbol.asyncIterator in source ? source : readableToIterable(source);
    try {
      for await (const chunk of iterable) {
        feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
        if (this.abort) break;
      }
    } catch {
      // A connection closed by either side just ends the stream.
    }
  }
}

async function* readableToIterable(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
