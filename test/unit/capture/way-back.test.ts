import { describe, expect, it } from 'vitest'
import { ProfileSchema } from '../../../shared/domain/profile'
import { planWayBack } from '../../../main/capture/way-back'
import { BUILT_IN_PROFILES } from '../../../main/profiles/builtin'

const sandbox = BUILT_IN_PROFILES[0]!
const custom = (redirectUri?: string) =>
  ProfileSchema.parse({
    id: 'c',
    name: 'Custom',
    environment: 'custom',
    clientId: 'x',
    issuer: 'https://idp.example',
    capture: { method: 'loopback', loopbackPort: 8765, loopbackPath: '/cb', ...(redirectUri !== undefined && { redirectUri }) },
  })

describe('planWayBack', () => {
  it('gives the sandbox one registered address per way back', () => {
    expect(planWayBack('loopback', sandbox)).toEqual({ kind: 'listen', port: 0, path: '/callback' })
    expect(planWayBack('deep-link', sandbox)).toEqual({ kind: 'fixed', redirectUri: 'dev.oauthflowtester:/callback' })
    expect(planWayBack('paste', sandbox)).toEqual({ kind: 'fixed', redirectUri: 'http://127.0.0.1/callback' })
    expect(planWayBack('auth-window', sandbox)).toMatchObject({ kind: 'listen' })
  })

  it('uses the profile’s port and path for loopback and its redirect URI for the others', () => {
    expect(planWayBack('loopback', custom())).toEqual({ kind: 'listen', port: 8765, path: '/cb' })
    expect(planWayBack('paste', custom('https://app.example/cb'))).toEqual({ kind: 'fixed', redirectUri: 'https://app.example/cb' })
    expect(planWayBack('deep-link', custom('dev.oauthflowtester:/idp'))).toEqual({ kind: 'fixed', redirectUri: 'dev.oauthflowtester:/idp' })
    expect(planWayBack('auth-window', custom('https://app.example/cb'))).toEqual({ kind: 'fixed', redirectUri: 'https://app.example/cb' })
    expect(planWayBack('auth-window', custom())).toMatchObject({ kind: 'listen', port: 8765 })
  })

  it('says what is missing, and warns when the OS cannot hand the redirect back', () => {
    expect(planWayBack('paste', custom())).toMatchObject({ kind: 'missing' })
    expect(planWayBack('deep-link', custom())).toMatchObject({ kind: 'missing', reason: expect.stringContaining('dev.oauthflowtester:/callback') })
    expect(planWayBack('deep-link', custom('https://app.example/cb'))).toMatchObject({ kind: 'fixed', warning: expect.stringContaining('Paste') })
  })
})
