/** The instrumentation scope of every span and instrument nest-mcp creates. */
export const INSTRUMENTATION_SCOPE = 'nest-mcp';

/** The bucket boundaries the MCP conventions advise for both duration histograms (seconds). */
export const DURATION_BUCKETS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

/** Names from the OpenTelemetry MCP semantic conventions (docs/gen-ai/mcp.md). */
export const Semconv = {
  operationDuration: 'mcp.server.operation.duration',
  sessionDuration: 'mcp.server.session.duration',
  method: 'mcp.method.name',
  toolName: 'gen_ai.tool.name',
  promptName: 'gen_ai.prompt.name',
  operationName: 'gen_ai.operation.name',
  resourceUri: 'mcp.resource.uri',
  requestId: 'jsonrpc.request.id',
  sessionId: 'mcp.session.id',
  protocolVersion: 'mcp.protocol.version',
  networkTransport: 'network.transport',
  networkProtocolName: 'network.protocol.name',
  networkProtocolVersion: 'network.protocol.version',
  clientAddress: 'client.address',
  clientPort: 'client.port',
  errorType: 'error.type',
  statusCode: 'rpc.response.status_code',
  enduserId: 'enduser.id',
} as const;

/** `error.type` of a `tools/call` answered with `isError: true` (the conventions' value). */
export const TOOL_ERROR = 'tool_error';
/** `error.type` of a request the client cancelled before it finished. */
export const CANCELLED = 'cancelled';
