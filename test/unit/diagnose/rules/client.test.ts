import { describe, expect, it } from 'vitest'
import { clientAuthRule } from '../../../../main/diagnose/rules/client-auth'
import { clientKeyEnvironmentCause, clientKeyEnvironmentRule, missingClientKeyCause } from '../../../../main/diagnose/rules/client-key'
import { exchange, oauthError } from '../fixtures'

describe('client authentication', () => {
  const ev = (headers: Record<string, string>, body: Record<string, string>, methods?: string[]) => ({
    step: 'token',
    now: 0,
    exchange: exchange({ headers, body, status: 401 }),
    ...(methods && { tokenAuthMethods: methods }),
  })

  it('notices that no client authentication was sent', () => {
    const c = clientAuthRule(oauthError('invalid_client', 401), ev({}, { client_id: 'conf' }, ['client_secret_basic', 'none']))
    expect(c).toMatchObject({ id: 'client.auth_method' })
    expect(c?.evidence[0]).toEqual({ label: 'client authentication sent', value: 'none (client_id conf only)' })
  })

  it('confirms a method the server does not announce, and suspects the secret otherwise', () => {
    expect(clientAuthRule(oauthError('invalid_client', 401), ev({ authorization: 'Basic eDp5' }, {}, ['client_secret_post']))).toMatchObject({ id: 'client.auth_method', likelihood: 'confirmed' })
    const secret = clientAuthRule(oauthError('invalid_client', 401), ev({ authorization: 'Basic eDp5' }, {}, ['client_secret_basic']))
    expect(secret).toMatchObject({ id: 'client.wrong_secret', likelihood: 'likely' })
    expect(JSON.stringify(secret)).not.toContain('eDp5')
  })

  it('does not fire on other errors', () => {
    expect(clientAuthRule(oauthError('invalid_grant'), ev({}, {}))).toBeUndefined()
  })
})

describe('client keys', () => {
  const others = [
    { profileName: 'Vendor sandbox', environment: 'sandbox', clientKey: 'key-aaaa-1111-bbbb-2222' },
    { profileName: 'Vendor production', environment: 'production', clientKey: 'key-cccc-3333-dddd-4444' },
  ]
  const prod = { name: 'Vendor production', environment: 'production', needsClientKey: true }
  const req = (key?: string) => exchange({ url: 'https://api.example/v1/auth/oauth/token', headers: key ? { 'x-client-key': key } : {} }).request

  it('confirms a key that another profile holds for another environment', () => {
    const c = clientKeyEnvironmentCause(req('key-aaaa-1111-bbbb-2222'), prod, others)
    expect(c).toMatchObject({ id: 'client.wrong_environment', likelihood: 'confirmed' })
    expect(c?.evidence).toEqual([
      { label: 'x-client-key sent', value: 'key-aa…2222' },
      { label: 'key belongs to', value: 'Vendor sandbox: sandbox' },
      { label: 'request went to', value: 'production — api.example' },
    ])
  })

  it('suspects a key whose name says sandbox, sent to production', () => {
    expect(clientKeyEnvironmentCause(req('sbx-intl-client-key'), prod)).toMatchObject({ id: 'client.wrong_environment', likelihood: 'likely' })
  })

  it('tells another region apart', () => {
    const us = [{ profileName: 'Vendor production US', environment: 'production', region: 'us', clientKey: 'k-us-0000000000000' }]
    expect(clientKeyEnvironmentCause(req('k-us-0000000000000'), { ...prod, region: 'international' }, us)?.id).toBe('client.wrong_region')
  })

  it('does not fire for the right key, without a key, or on an unrelated error', () => {
    expect(clientKeyEnvironmentCause(req('key-cccc-3333-dddd-4444'), prod, others)).toBeUndefined()
    expect(clientKeyEnvironmentCause(req(undefined), prod, others)).toBeUndefined()
    expect(clientKeyEnvironmentRule(oauthError('invalid_grant'), { step: 'token', now: 0, exchange: exchange({ headers: { 'x-client-key': 'sbx-x' } }), profile: prod })).toBeUndefined()
  })

  it('confirms a missing x-client-key, and a misnamed one', () => {
    expect(missingClientKeyCause(req(undefined), true, 401)).toMatchObject({ id: 'client.key_header_missing', likelihood: 'confirmed' })
    expect(missingClientKeyCause(req(undefined), false, 499)?.id).toBe('client.key_header_missing')
    const misnamed = exchange({ headers: { 'x-clientkey': 'k' } }).request
    expect(missingClientKeyCause(misnamed, true, 499)?.text).toContain('`x-clientkey`')
    expect(missingClientKeyCause(req('k'), true, 499)).toBeUndefined()
    expect(missingClientKeyCause(req(undefined), false, 401)).toBeUndefined()
  })
})
