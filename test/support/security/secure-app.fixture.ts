import { afterAll, beforeAll } from 'vitest';
import { send, type RawResponse, type SendOptions } from '../wire/http.client.js';
import { openSession } from '../wire/session.opener.js';
import { openStream, type OpenStream } from '../wire/sse.stream.js';
import type { WireRequest } from '../wire/wire.request.js';
import type { SigningAgent } from './agents.js';
import { refused } from './expect-wire.js';
import { sign, type SignerOf } from './request.signer.js';
import { startSecureApp, type SecureApp, type SecureAppOptions } from './secure-app.js';

/**
 * The security app of one suite, booted in `beforeAll` and closed in `afterAll`. It reads
 * through to the running app (`port`, `agents`, `probe`…) and carries the exchanges every
 * security suite makes with it, already bound to its port and public URL.
 */
export class SecureSuite implements SecureApp {
  private running: SecureApp | undefined;

  /** Starts the app; `useSecureApp` calls it from `beforeAll`. */
  async start(options: SecureAppOptions): Promise<void> {
    this.running = await startSecureApp(options);
  }

  private get current(): SecureApp {
    if (!this.running)
      throw new Error('useSecureApp: the app is not running (used outside a test?)');
    return this.running;
  }

  get app() {
    return this.current.app;
  }
  get port() {
    return this.current.port;
  }
  get origin() {
    return this.current.origin;
  }
  get url() {
    return this.current.url;
  }
  get publicBaseUrl() {
    return this.current.publicBaseUrl;
  }
  get agents() {
    return this.current.agents;
  }
  get probe() {
    return this.current.probe;
  }

  close = async (): Promise<void> => {
    const running = this.running;
    this.running = undefined;
    await running?.close();
  };

  /** `req` signed by `agent` (default: the writer) for this app's public URL. */
  sign(req: WireRequest, agent: SignerOf = this.agents.writer, options?: { msign?: boolean }) {
    return sign(agent, req, this.publicBaseUrl, options);
  }

  /** Sends `req` to this app. */
  send(req: WireRequest, options?: SendOptions): Promise<RawResponse> {
    return send(this.port, req, options);
  }

  /** Sends a request that must be refused: runs the checks, asserts that no tool handler ran. */
  refused(req: WireRequest, check: (res: RawResponse) => unknown): Promise<RawResponse> {
    return refused(this, req, check);
  }

  /** Opens a session as `agent` (anonymous without); returns its id. */
  openSession(agent?: SigningAgent): Promise<string> {
    return openSession(this.url, { agent, publicBaseUrl: this.publicBaseUrl });
  }

  /** Sends `req` to this app and hands back its SSE stream. */
  openStream(req: WireRequest, options?: { host?: string }): Promise<OpenStream> {
    return openStream(this.port, req, options);
  }
}

/**
 * Boots a security app for the enclosing suite (`beforeAll`) and closes it after (`afterAll`).
 * `options` may be a function, read when the app starts (to share another suite app's agents).
 */
export function useSecureApp(
  options: SecureAppOptions | (() => SecureAppOptions) = {},
): SecureSuite {
  const suite = new SecureSuite();
  beforeAll(() => suite.start(typeof options === 'function' ? options() : options));
  afterAll(() => suite.close());
  return suite;
}
