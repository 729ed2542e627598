/**
 * Versioned migrations of the profiles file. Each step takes the document of one version and
 * returns the next; they are pure, so each is tested on its own (test/fixtures/profiles-v1.json).
 */
type Doc = Record<string, unknown>

/**
 * Version 1, the preview builds' format: endpoints as flat fields, scopes as an array,
 * `clientAuthMethod`, a `redirect` object and `extraParams` for the authorization request.
 */
function v1ToV2(doc: Doc): Doc {
  const profiles = Array.isArray(doc.profiles) ? doc.profiles : []
  return {
    version: 2,
    profiles: profiles.map((raw: unknown) => {
      const p = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>
      const redirect = (p.redirect && typeof p.redirect === 'object' ? p.redirect : {}) as Record<string, unknown>
      const endpoints: Record<string, unknown> = {}
      const map: [string, string][] = [
        ['authorizationEndpoint', 'authorize'],
        ['tokenEndpoint', 'token'],
        ['revocationEndpoint', 'revoke'],
        ['introspectionEndpoint', 'introspect'],
        ['userinfoEndpoint', 'userinfo'],
        ['jwksUri', 'jwks'],
      ]
      for (const [from, to] of map) if (typeof p[from] === 'string' && p[from] !== '') endpoints[to] = p[from]
      const method = redirect.type === 'paste' || redirect.type === 'deep-link' ? redirect.type : 'loopback'
      const out: Record<string, unknown> = {
        id: p.id,
        name: p.name,
        environment: p.environment === 'prod' ? 'production' : p.environment,
        description: typeof p.description === 'string' ? p.description : '',
        flow: 'standard',
        endpoints,
        clientId: p.clientId ?? '',
        clientAuth: p.clientAuthMethod ?? 'none',
        scopes: Array.isArray(p.scope) ? p.scope.join(' ') : typeof p.scope === 'string' ? p.scope : 'openid',
        capture:
          method === 'loopback'
            ? { method, loopbackPort: typeof redirect.port === 'number' ? redirect.port : 0, loopbackPath: typeof redirect.path === 'string' ? redirect.path : '/callback' }
            : { method, loopbackPort: 0, loopbackPath: '/callback', redirectUri: redirect.uri },
        extraAuthorizeParams: p.extraParams && typeof p.extraParams === 'object' ? p.extraParams : {},
      }
      if (typeof p.issuer === 'string' && p.issuer !== '') out.issuer = p.issuer
      return out
    }),
  }
}

/** `MIGRATIONS[n]` turns a version-n document into version n + 1. */
export const PROFILE_MIGRATIONS: Record<number, (doc: Doc) => Doc> = {
  1: v1ToV2,
}

export const PROFILES_VERSION = 2
