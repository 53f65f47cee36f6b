import { serializeString } from 'structured-headers';

/** The `error` of a `Bearer` challenge (RFC 6750 §3.1). */
export type BearerChallengeError = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/**
 * A `Bearer` challenge (RFC 6750 §3, RFC 9728 §5.1): where the protected resource metadata
 * is, and, when known, the error and the scopes the request needs. No `error` when the request
 * simply carried no token.
 *
 * @example
 * bearerChallenge({ resourceMetadata: 'https://api.example.com/.well-known/oauth-protected-resource/mcp', scope: ['notes:write'] })
 * // 'Bearer resource_metadata="https://…/mcp", scope="notes:write"'
 */
export function bearerChallenge(options: {
  resourceMetadata: string;
  error?: BearerChallengeError;
  description?: string;
  scope?: readonly string[];
}): string {
  const params: string[] = [];
  if (options.error) params.push(`error=${serializeString(options.error)}`);
  if (options.description) params.push(`error_description=${serializeString(options.description)}`);
  if (options.scope && options.scope.length > 0)
    params.push(`scope=${serializeString(options.scope.join(' '))}`);
  params.push(`resource_metadata=${serializeString(options.resourceMetadata)}`);
  return `Bearer ${params.join(', ')}`;
}
