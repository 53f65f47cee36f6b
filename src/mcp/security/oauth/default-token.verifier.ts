import { IntrospectionTokenVerifier } from './introspection-token.verifier.js';
import { InvalidTokenError } from './invalid-token.error.js';
import { JwtTokenVerifier } from './jwt-token.verifier.js';
import type { McpOAuthOptions } from './oauth-options.interface.js';
import type {
  McpVerifiedToken,
  TokenExpectations,
  TokenVerifier,
} from './token-verifier.interface.js';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * The verifier used unless the app binds its own: JWT-shaped tokens against the issuer's JWKS,
 * anything else through introspection when configured (else refused).
 */
export class DefaultTokenVerifier implements TokenVerifier {
  private readonly jwt: JwtTokenVerifier;
  private readonly introspection?: IntrospectionTokenVerifier;

  constructor(options: McpOAuthOptions) {
    this.jwt = new JwtTokenVerifier({ algorithms: options.algorithms });
    if (options.introspection)
      this.introspection = new IntrospectionTokenVerifier(
        options.introspection,
        options.authorizationServers[0],
      );
  }

  verify(token: string, expected: TokenExpectations): Promise<McpVerifiedToken> {
    if (JWT_SHAPE.test(token)) return this.jwt.verify(token, expected);
    if (this.introspection) return this.introspection.verify(token);
    return Promise.reject(new InvalidTokenError('opaque token and no introspection configured'));
  }
}
