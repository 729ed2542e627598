import { describe, expect, it } from 'vitest'
import { PRESETS, findPreset } from '../../../main/profiles/presets/presets'
import { GENESYS_REGIONS } from '../../../main/profiles/presets/genesys-regions'
import { validateProfile } from '../../../main/profiles/validation/validate'

const errorsOf = (id: string, secrets: string[] = []) =>
  validateProfile(findPreset(id)!.draft(), { secretsSet: new Set(secrets) }).filter((i) => i.severity === 'error').map((i) => i.rule)

describe('presets', () => {
  it('have unique ids and give a fresh draft each time', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length)
    const a = findPreset('generic-oidc')!.draft()
    a.name = 'changed'
    expect(findPreset('generic-oidc')!.draft().name).not.toBe('changed')
  })

  it('local sandbox and the local vendor simulator are ready to run', () => {
    expect(errorsOf('local-sandbox')).toEqual([])
    expect(errorsOf('local-vendor-simulator')).toEqual([])
    expect(findPreset('local-vendor-simulator')!.draft()).toMatchObject({ embedded: 'vendor-simulator', flow: 'vendor-hosted' })
    // The confidential client only needs its secret.
    expect(errorsOf('local-sandbox-confidential', ['clientSecret'])).toEqual([])
  })

  it('the vendor sandbox needs only the keys; production also its host and an https redirect URI', () => {
    const sandbox = findPreset('vendor-sandbox')!.draft()
    expect(sandbox).toMatchObject({ apiBaseUrl: 'https://dev.api.baanx.com', environment: 'sandbox', region: 'international', clientAuth: 'headers' })
    expect(errorsOf('vendor-sandbox').sort()).toEqual(['auth.header-value', 'auth.secret-missing', 'required.client-id'])
    expect(errorsOf('vendor-production').sort()).toEqual(['auth.header-value', 'auth.secret-missing', 'required.api-base-url', 'required.client-id', 'required.redirect-uri'])
  })

  it('has one Genesys Cloud preset per region, with login and API hosts of that region', () => {
    const genesys = PRESETS.filter((p) => p.group === 'Genesys Cloud')
    expect(genesys).toHaveLength(GENESYS_REGIONS.length)
    const east = findPreset('genesys-us-east-1')!.draft()
    expect(east.endpoints).toEqual({ authorize: 'https://login.mypurecloud.com/oauth/authorize', token: 'https://login.mypurecloud.com/oauth/token' })
    expect(east.testRequest?.url).toBe('https://api.mypurecloud.com/api/v2/users/me')
    expect(findPreset('genesys-eu-central-1')!.draft().endpoints.authorize).toBe('https://login.mypurecloud.de/oauth/authorize')
    for (const p of genesys) expect(errorsOf(p.id)).toEqual(['required.client-id'])
  })

  it('generic OIDC asks for the issuer and the client id', () => {
    expect(errorsOf('generic-oidc').sort()).toEqual(['required.client-id', 'required.endpoint', 'required.endpoint'])
  })
})
