import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { type JsonRpcMessage } from '../../protocol/jsonrpc.types.js';
import { StdioConnection } from './stdio.connection.js';
import { StdioFrameDecoder } from './stdio-frame.decoder.js';
import { type StdioMessageHandler } from './stdio-framing.types.js';

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Echoes each request's id back as a result, after an optional delay. */
function echo(delayMs = 0): StdioMessageHandler {
  return async (text, send) => {
    const request = JSON.parse(text) as { id: number };
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    send({ jsonrpc: '2.0', id: request.id, result: { echoed: request.id } });
  };
}

function setup(handler: StdioMessageHandler, options = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const logger = { error: vi.fn<(msg: string) => void>(), warn: vi.fn<(msg: string) => void>() };
  const connection = new StdioConnection(input, output, handler, { logger, ...options });
  connection.start();
  const written = () => Buffer.concat(chunks).toString('utf8');
  const messages = () => {
    const decoder = new StdioFrameDecoder();
    return [...decoder.push(Buffer.concat(chunks)), ...decoder.end()].map((event) =>
      event.kind === 'message' ? (JSON.parse(event.text) as JsonRpcMessage) : event,
    );
  };
  return { input, output, connection, written, messages, logger };
}

describe('StdioConnection', () => {
  it('answers ndjson requests in ndjson', async () => {
    const { input, connection, written } = setup(echo());
    input.end('{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
    await connection.closed;
    expect(written()).toBe('{"jsonrpc":"2.0","id":1,"result":{"echoed":1}}\n');
  });

  it('answers in Content-Length framing when the client uses it', async () => {
    const { input, connection, written } = setup(echo());
    input.end(frame('{"jsonrpc":"2.0","id":7,"method":"ping"}'));
    await connection.closed;
    expect(written()).toBe(frame('{"jsonrpc":"2.0","id":7,"result":{"echoed":7}}'));
  });

  it('dispatches concurrently: a fast request is answered before an earlier slow one', async () => {
    const handler: StdioMessageHandler = async (text, send) => {
      const { id } = JSON.parse(text) as { id: number };
      await new Promise((resolve) => setTimeout(resolve, id === 1 ? 50 : 0));
      send({ jsonrpc: '2.0', id, result: {} });
    };
    const { input, connection, messages } = setup(handler);
    input.end('{"id":1}\n{"id":2}\n');
    await connection.closed;
    expect(messages().map((m) => 'id' in m && m.id)).toEqual([2, 1]);
  });

  it('on EOF, resolves closed only after a slow in-flight handler has written its response', async () => {
    const { input, connection, written } = setup(echo(80));
    let closed = false;
    void connection.closed.then(() => (closed = true));
    input.end('{"jsonrpc":"2.0","id":3,"method":"slow"}\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);
    expect(written()).toBe('');
    await connection.closed;
    expect(written()).toBe('{"jsonrpc":"2.0","id":3,"result":{"echoed":3}}\n');
  });

  it('turns a decoder error into a -32700 response with id null, and keeps serving', async () => {
    const { input, connection, messages } = setup(echo(), { maxMessageBytes: 100 });
    input.write(`${'x'.repeat(200)}\n`);
    input.end('{"jsonrpc":"2.0","id":4,"method":"ping"}\n');
    await connection.closed;
    expect(messages()).toEqual([
      {
        jsonrpc: '2.0',
        id: null,
        error: {
          code: -32700,
          message: 'Parse error',
          data: { reason: expect.stringContaining('100 bytes') as string },
        },
      },
      { jsonrpc: '2.0', id: 4, result: { echoed: 4 } },
    ]);
  });

  it('sends parse errors in Content-Length framing on a Content-Length connection', async () => {
    const { input, connection, written } = setup(echo());
    input.end(`Content-Length: 0x10\r\n\r\n{}${frame('{"id":5}')}`);
    await connection.closed;
    const out = written();
    expect(out.startsWith('Content-Length: ')).toBe(true);
    const decoder = new StdioFrameDecoder();
    const replies = decoder
      .push(Buffer.from(out))
      .map((e) => e.kind === 'message' && (JSON.parse(e.text) as unknown));
    expect(replies).toMatchObject([{ id: null, error: { code: -32700 } }, { id: 5 }]);
  });

  it('shutdown(grace) stops reading and resolves promptly despite a stuck handler', async () => {
    const never: StdioMessageHandler = () => new Promise<void>(() => undefined);
    const { input, connection, logger, written } = setup(never);
    input.write('{"id":1}\n');
    await tick();
    const started = Date.now();
    await connection.shutdown(30);
    expect(Date.now() - started).toBeLessThan(500);
    await expect(connection.closed).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('1 handler(s)'));
    // Input after shutdown is not read.
    input.write('{"id":2}\n');
    await tick();
    expect(input.isPaused()).toBe(true);
    expect(written()).toBe('');
  });

  it('shutdown(grace) waits for a handler that finishes within the grace period', async () => {
    const { input, connection, written } = setup(echo(20));
    input.write('{"id":9}\n');
    await tick();
    await connection.shutdown(2_000);
    expect(written()).toBe('{"jsonrpc":"2.0","id":9,"result":{"echoed":9}}\n');
  });

  it('queues writes while output is backed up and flushes them in order on drain', async () => {
    const input = new PassThrough();
    const received: string[] = [];
    let release: () => void = () => undefined;
    const output = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk.toString('utf8'));
        // Hold the first write until released, so write() reports backpressure meanwhile.
        if (received.length === 1) release = () => callback();
        else callback();
      },
    });
    const write = vi.spyOn(output, 'write');
    // One frame per turn of the event loop (frames of one turn are written together).
    const handler: StdioMessageHandler = async (text, send) => {
      for (let id = 1; id <= 3; id++) {
        send({ jsonrpc: '2.0', id, result: {} });
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const connection = new StdioConnection(input, output, handler);
    connection.start();
    let closed = false;
    void connection.closed.then(() => (closed = true));
    input.end('{"id":0}\n');
    await tick();
    // Only the first frame was handed to the stream; the rest wait for 'drain'.
    expect(write).toHaveBeenCalledTimes(1);
    expect(closed).toBe(false);
    release();
    await connection.closed;
    expect(received.map((text) => (JSON.parse(text) as { id: number }).id)).toEqual([1, 2, 3]);
  });

  it('writes the answers of one turn of the event loop in one write, in order', async () => {
    const input = new PassThrough();
    const chunks: string[] = [];
    const output = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString('utf8'));
        callback();
      },
    });
    const connection = new StdioConnection(input, output, echo(0));
    connection.start();
    input.end('{"id":1}\n{"id":2}\n{"id":3}\n');
    await connection.closed;
    expect(chunks).toHaveLength(1);
    expect(
      chunks[0]
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { id: number }).id),
    ).toEqual([1, 2, 3]);
  });

  it('logs (never writes to output) when a handler throws', async () => {
    const { input, connection, written, logger } = setup(async () => {
      throw new Error('boom');
    });
    input.end('{"id":1}\n');
    await connection.closed;
    expect(written()).toBe('');
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('boom'));
  });

  it('stops writing but still closes when output fails', async () => {
    const { input, output, connection, logger } = setup(echo(10));
    input.end('{"id":1}\n');
    output.destroy(new Error('EPIPE'));
    await connection.closed;
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('EPIPE'));
  });
});
