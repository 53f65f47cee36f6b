import { Inject, Injectable } from '@nestjs/common';
import type { RequestIo } from '../../context/request.exchange.js';
import { InputRequiredSignal } from '../../context/input-required.signal.js';
import { CACHEABLE_METHODS, McpDispatcher } from '../../dispatch/mcp.dispatcher.js';
import { ServerCapabilities } from '../../dispatch/server-capabilities.service.js';
import { McpTelemetry } from '../../telemetry/mcp-telemetry.service.js';
import { STATELESS_ERA_VERSIONS } from '../../config/mcp.constants.js';
import { MCP_MODULE_OPTIONS } from '../../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../../config/mcp-options.interface.js';
import { principalKey } from '../../security/principal.key.js';
import type { JsonRpcRequest } from '../../protocol/jsonrpc.types.js';
import { ErrorCode, McpError, McpRequestError } from '../../protocol/mcp.error.js';
import { RequestStateSealer } from './request-state.sealer.js';
import type { StatelessEnvelope } from './stateless-envelope.js';
import { StatelessExchange } from './stateless.exchange.js';

/** Methods whose input-required rounds are allowed (the spec limits them to these). */
const INPUT_METHODS = new Set(['tools/call', 'prompts/get', 'resources/read']);
/** Session-era methods 2026-07-28 removed though the core still serves them to sessions. */
const REMOVED_METHODS = new Set(['tasks/list', 'tasks/result']);
const SERVER_INFO_META = 'io.modelcontextprotocol/serverInfo';
const STATE_TTL_MS = 10 * 60_000;

export type StatelessIo = RequestIo;

/**
 * Stateless era (2026-07-28): every request stands alone. Server→client questions become
 * input-required results; answers come back on the retry with a sealed requestState.
 */
@Injectable()
export class StatelessEraAdapter {
  private readonly sealer: RequestStateSealer;
  private readonly ttlMs: number;

  constructor(
    private readonly dispatcher: McpDispatcher,
    private readonly capabilities: ServerCapabilities,
    @Inject(MCP_MODULE_OPTIONS) private readonly options: McpModuleOptions,
    private readonly telemetry: McpTelemetry,
  ) {
    this.sealer = new RequestStateSealer(options.stateSecret);
    this.ttlMs = options.cacheTtlMs ?? 60_000;
  }

  /** True for methods this era serves (the transport answers 404 for the rest). */
  serves(method: string): boolean {
    if (REMOVED_METHODS.has(method)) return false;
    return method === 'server/discover' || this.dispatcher.has(method);
  }

  request(
    message: JsonRpcRequest,
    envelope: StatelessEnvelope,
    io: StatelessIo,
  ): Promise<Record<string, unknown>> {
    // Checked first so that, with no provider and no access log, nothing is allocated for telemetry.
    if (!this.telemetry.active) return this.serve(message, envelope, io);
    return this.telemetry.operation(
      {
        message,
        protocolVersion: envelope.protocolVersion,
        principal: io.principal,
        signal: io.signal,
        http: io.httpRequest,
      },
      () => this.serve(message, envelope, io),
    );
  }

  private async serve(
    message: JsonRpcRequest,
    envelope: StatelessEnvelope,
    io: StatelessIo,
  ): Promise<Record<string, unknown>> {
    if (!this.serves(message.method)) {
      throw new McpError(ErrorCode.MethodNotFound, `Method not found: ${message.method}`);
    }
    const result =
      message.method === 'server/discover'
        ? this.discover()
        : await this.run(message, envelope, io);
    return this.decorate(message.method, result, io.principal.kind === 'anonymous');
  }

  private discover(): Record<string, unknown> {
    return {
      supportedVersions: [...STATELESS_ERA_VERSIONS],
      capabilities: this.capabilities.get('stateless'),
      ...(this.options.instructions ? { instructions: this.options.instructions } : {}),
    };
  }

  private async run(
    message: JsonRpcRequest,
    envelope: StatelessEnvelope,
    io: StatelessIo,
  ): Promise<Record<string, unknown>> {
    const params = message.params ?? {};
    const name = params.name ?? params.uri;
    const target = `${message.method}:${typeof name === 'string' ? name : ''}`;
    const inputs = INPUT_METHODS.has(message.method)
      ? this.answers(params, principalKey(io.principal), target)
      : {};
    const exchange = new StatelessExchange(
      message,
      envelope,
      io,
      INPUT_METHODS.has(message.method) ? inputs : undefined,
    );
    try {
      return await this.dispatcher.dispatch(message.method, params, exchange);
    } catch (error) {
      if (!(error instanceof InputRequiredSignal)) throw error;
      const requestState = this.sealer.seal({
        principal: principalKey(io.principal),
        target,
        answers: inputs,
        expiresAt: Date.now() + STATE_TTL_MS,
      });
      return { resultType: 'input_required', inputRequests: error.inputRequests, requestState };
    }
  }

  /** Answers so far: those sealed in requestState plus this retry's inputResponses. */
  private answers(
    params: Record<string, unknown>,
    principal: string,
    target: string,
  ): Record<string, unknown> {
    const earlier =
      params.requestState === undefined
        ? {}
        : this.sealer.open(params.requestState, principal, target).answers;
    const now = params.inputResponses;
    if (now !== undefined && (now === null || typeof now !== 'object' || Array.isArray(now))) {
      throw new McpRequestError(ErrorCode.InvalidParams, 'inputResponses must be an object');
    }
    return { ...earlier, ...(now as Record<string, unknown> | undefined) };
  }

  /** resultType on every result; caching hints on complete cacheable ones; who answered. */
  private decorate(
    method: string,
    result: Record<string, unknown>,
    shared: boolean,
  ): Record<string, unknown> {
    const meta = {
      ...(result._meta as Record<string, unknown> | undefined),
      [SERVER_INFO_META]: {
        name: this.options.serverInfo.name,
        version: this.options.serverInfo.version,
      },
    };
    // Neither a question nor a task handle is the method's result: never cacheable.
    if (result.resultType === 'input_required' || result.resultType === 'task')
      return { ...result, _meta: meta };
    const resultType = result.resultType ?? 'complete';
    if (!CACHEABLE_METHODS.has(method) && method !== 'server/discover')
      return { ...result, resultType, _meta: meta };
    return {
      ...result,
      resultType,
      ttlMs: this.ttlMs,
      // What a signed agent sees depends on its scopes: such answers are not for shared caches.
      cacheScope: shared ? 'public' : 'private',
      _meta: meta,
    };
  }
}
