import { ProfileSchema, type Profile, type ProfileInput } from '../../shared/domain/profile'
import { SANDBOX_API_PATH, SANDBOX_PUBLIC_CLIENT } from '../sandbox/oidc/oidc-sandbox'
import { PROTECTED_PATH } from '../sandbox/vendor/endpoints/user-profile'
import { APPROVED_DEEP_LINK, EXAMPLE_HTTPS_REDIRECT, ENVIRONMENT_CONFIGS } from '../sandbox/vendor/environments'

export const LOCAL_SANDBOX_ID = 'local-sandbox'
export const LOCAL_VENDOR_HOSTED_ID = 'local-vendor-hosted'
export const LOCAL_VENDOR_API_ID = 'local-vendor-api'
export const LOCAL_VENDOR_US_ID = 'local-vendor-us'
export const LOCAL_VENDOR_PRODUCTION_ID = 'local-vendor-production'

/**
 * A profile of the local vendor simulator. Its base URL and keys come from the running
 * simulator (environment and region below), like the Local sandbox's issuer; the client key
 * shown here is the simulator's fixed one, and the secret key is never in a profile.
 */
function localVendor(input: Pick<ProfileInput, 'id' | 'name' | 'environment' | 'description' | 'flow' | 'region' | 'capture'>): Profile {
  const env = ENVIRONMENT_CONFIGS[input.environment === 'production' ? 'production' : 'sandbox']
  const clientKey = env.clients[input.region ?? 'international'].find((k) => k.oauthEnabled)?.clientKey ?? ''
  return ProfileSchema.parse({
    ...input,
    builtIn: true,
    embedded: 'vendor-simulator',
    clientId: clientKey,
    clientAuth: 'headers',
    clientHeaders: { 'x-client-key': clientKey },
    secretHeaders: ['x-secret-key'],
    scopes: '',
    // A path: resolved against the simulator's host, whose port changes per app session.
    testRequest: { method: 'GET', url: PROTECTED_PATH },
    lifetimes: { sessionSeconds: 600, codeSeconds: 600, refreshTokenDays: 184 },
  })
}

const DEMO = 'Demo users and passwords are on the simulator’s page (/_simulator) and on its sign-in page.'

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
  localVendor({
    id: LOCAL_VENDOR_HOSTED_ID,
    name: 'Local vendor simulator · hosted UI',
    environment: 'sandbox',
    region: 'international',
    flow: 'vendor-hosted',
    description: `The vendor’s four-step flow on the local simulator (sandbox, international region), hosted-UI mode: the vendor’s page signs the user in (with an OTP for OTP users) and redirects back with the code. ${DEMO}`,
    capture: { method: 'loopback', loopbackPort: 0, loopbackPath: '/callback', redirectUri: APPROVED_DEEP_LINK },
  }),
  localVendor({
    id: LOCAL_VENDOR_API_ID,
    name: 'Local vendor simulator · API mode',
    environment: 'sandbox',
    region: 'international',
    flow: 'vendor-api',
    description: `The vendor’s four-step flow on the local simulator (sandbox, international region), API mode: this app asks for the email, password and one-time code and makes every call itself. ${DEMO}`,
    capture: { method: 'paste', loopbackPort: 0, loopbackPath: '/callback', redirectUri: EXAMPLE_HTTPS_REDIRECT },
  }),
  localVendor({
    id: LOCAL_VENDOR_US_ID,
    name: 'Local vendor simulator · API mode, US region',
    environment: 'sandbox',
    region: 'us',
    flow: 'vendor-api',
    description: `As “API mode”, in the US region: every call sends \`x-us-env: true\`, with the US keys and users (tokens carry \`US_\`). ${DEMO}`,
    capture: { method: 'paste', loopbackPort: 0, loopbackPath: '/callback', redirectUri: EXAMPLE_HTTPS_REDIRECT },
  }),
  localVendor({
    id: LOCAL_VENDOR_PRODUCTION_ID,
    name: 'Local vendor simulator · production-like (API mode)',
    environment: 'production',
    region: 'international',
    flow: 'vendor-api',
    description: `The simulator’s production-like environment: its own keys and users, https-only redirect URIs (http refused). Nothing here is real production. ${DEMO}`,
    capture: { method: 'deep-link', loopbackPort: 0, loopbackPath: '/callback', redirectUri: APPROVED_DEEP_LINK },
  }),
]
