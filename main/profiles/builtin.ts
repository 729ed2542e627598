import { ProfileSchema, type Profile } from '../../shared/domain/profile'
import { SANDBOX_API_PATH, SANDBOX_PUBLIC_CLIENT } from '../sandbox/oidc/oidc-sandbox'

export const LOCAL_SANDBOX_ID = 'local-sandbox'

/** Profiles that ship with the app, so the first run needs no account anywhere. */
export const BUILT_IN_PROFILES: readonly Profile[] = [
  ProfileSchema.parse({
    id: LOCAL_SANDBOX_ID,
    name: 'Local sandbox',
    environment: 'sandbox',
    description:
      'The embedded authorization server (oidc-provider) on 127.0.0.1. Public client, PKCE S256, refresh-token rotation. Demo users are shown on its login page.',
    builtIn: true,
    embedded: 'oidc-sandbox',
    clientId: SANDBOX_PUBLIC_CLIENT,
    clientAuth: 'none',
    scopes: 'openid profile email offline_access',
    capture: { method: 'loopback', loopbackPort: 0, loopbackPath: '/callback' },
    // A path: resolved against the sandbox's issuer, whose port changes per session.
    testRequest: { method: 'GET', url: SANDBOX_API_PATH },
  }),
]
