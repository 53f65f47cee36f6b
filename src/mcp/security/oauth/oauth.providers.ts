import type { Provider } from '@nestjs/common';
import { MCP_MODULE_OPTIONS } from '../../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../../config/mcp-options.interface.js';
import { BearerAuthenticator } from './bearer.authenticator.js';
import { DefaultTokenVerifier } from './default-token.verifier.js';
import { loadJose } from './jose.loader.js';
import { assertValidOAuthOptions } from './oauth-options.validator.js';
import { ProtectedResourceMetadataInstaller } from './protected-resource-metadata.installer.js';
import { ProtectedResource } from './protected-resource.js';
import { RequireSignatureCheck } from './require-signature.check.js';
import { InvalidTokenError } from './invalid-token.error.js';
import { TokenVerifier } from './token-verifier.interface.js';

/** Refuses every token: the verifier of a module without `oauth` (never asked). */
const NO_TOKENS: TokenVerifier = {
  verify: () => Promise.reject(new InvalidTokenError('bearer tokens are not configured')),
};

/** Bearer-token providers: the verifier (the app's own, or JWKS + introspection), resource, metadata route. */
export const OAUTH_PROVIDERS: Provider[] = [
  {
    provide: TokenVerifier,
    inject: [MCP_MODULE_OPTIONS],
    useFactory: async (options: McpModuleOptions): Promise<TokenVerifier> => {
      assertValidOAuthOptions(options);
      if (!options.oauth) return NO_TOKENS;
      if (options.oauth.verifier) return options.oauth.verifier;
      // JWTs are all this verifier could accept without introspection: no jose, no boot.
      if (!options.oauth.introspection) await loadJose();
      return new DefaultTokenVerifier(options.oauth);
    },
  },
  ProtectedResource,
  BearerAuthenticator,
  ProtectedResourceMetadataInstaller,
  RequireSignatureCheck,
];
