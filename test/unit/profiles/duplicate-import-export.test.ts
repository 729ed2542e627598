import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { ProfileSchema } from '../../../shared/domain/profile'
import { BUILT_IN_PROFILES } from '../../../main/profiles/builtin'
import { duplicateDraft } from '../../../main/profiles/duplicate'
import { exportProfiles, parseImport } from '../../../main/profiles/import-export'

const acme = ProfileSchema.parse({
  id: 'acme-1',
  name: 'Acme (sandbox)',
  environment: 'sandbox',
  issuer: 'https://idp.example.com',
  clientId: 'acme-app',
  clientAuth: 'client_secret_basic',
  scopes: 'openid offline_access',
  extraAuthorizeParams: { prompt: 'login' },
  createdAt: 1,
  updatedAt: 2,
})

describe('duplicate', () => {
  it('flips sandbox to production, keeps every setting, drops id and dates', () => {
    const copy = duplicateDraft(acme)
    expect(copy.environment).toBe('production')
    expect(copy.name).toBe('Acme (production)')
    expect(copy).toMatchObject({ issuer: acme.issuer, clientId: 'acme-app', clientAuth: 'client_secret_basic', extraAuthorizeParams: { prompt: 'login' } })
    expect(copy.id).toBeUndefined()
    expect(copy.createdAt).toBeUndefined()
    expect(duplicateDraft({ ...acme, environment: 'production', name: 'Acme' })).toMatchObject({ environment: 'sandbox', name: 'Acme (sandbox)' })
    expect(duplicateDraft({ ...acme, name: 'Vendor sandbox' }).name).toBe('Vendor production')
    expect(duplicateDraft({ ...acme, name: 'sandbox of Acme' }).name).toBe('production of Acme')
  })

  it('keeps an embedded profile on sandbox, and takes an explicit environment and name', () => {
    expect(duplicateDraft(BUILT_IN_PROFILES[0]!)).toMatchObject({ environment: 'sandbox', name: 'Local sandbox (copy)', embedded: 'oidc-sandbox' })
    expect(duplicateDraft(acme, { environment: 'custom', name: 'Acme QA' })).toMatchObject({ environment: 'custom', name: 'Acme QA' })
  })
})

describe('export and import', () => {
  it('exports profiles without ids, dates or secret values, listing the secrets each needs', () => {
    const leaky = ProfileSchema.parse({ ...acme, id: 'leaky', extraTokenParams: { client_secret: 'PLAIN-SECRET-1' }, endpoints: { token: 'https://u:PLAIN-SECRET-2@idp.example.com/t' } })
    const out = exportProfiles([acme, leaky], Date.parse('2026-11-23T10:00:00Z'), '0.1.0')
    expect(out.fileName).toBe('oauth-flow-tester-profiles-2026-11-23.json')
    expect(out.json).not.toContain('PLAIN-SECRET')
    const doc = JSON.parse(out.json)
    expect(doc).toMatchObject({ format: 'oauth-flow-tester/profiles', version: 2 })
    expect(doc.profiles[0]).not.toHaveProperty('id')
    expect(doc.profiles[0]).not.toHaveProperty('createdAt')
    expect(doc.profiles[0].secretsRequired).toEqual(['clientSecret'])
  })

  it('imports its own export, dropping anything that looks secret and saying so', () => {
    const file = JSON.parse(exportProfiles([acme], 0, '0.1.0').json)
    file.profiles[0].clientSecret = 'SMUGGLED'
    file.profiles[0].extraHeaders = { 'x-secret-key': 'SMUGGLED-TOO' }
    const parsed = parseImport(JSON.stringify(file))
    if ('error' in parsed) throw new Error(parsed.error)
    expect(parsed.drafts).toHaveLength(1)
    expect(JSON.stringify(parsed.drafts)).not.toContain('SMUGGLED')
    expect(parsed.warnings.join()).toContain('clientSecret')
    expect(parsed.warnings.join()).toContain('extraHeaders.x-secret-key')
    expect(parsed.drafts[0]!.id).toBeUndefined()
  })

  it('imports a version-1 file, a bare list, or one profile; skips what does not fit', () => {
    const v1 = readFileSync(new URL('../../fixtures/profiles-v1.json', import.meta.url), 'utf8')
    const fromV1 = parseImport(v1)
    expect('drafts' in fromV1 && fromV1.drafts.map((d) => d.environment)).toEqual(['production', 'sandbox'])
    const list = parseImport(JSON.stringify([{ name: 'One', environment: 'sandbox', clientId: 'x' }, { name: 'Bad', environment: 'staging', clientId: 'y' }]))
    expect('drafts' in list && list.drafts.map((d) => d.name)).toEqual(['One'])
    expect('skipped' in list && list.skipped[0]).toMatchObject({ name: 'Bad' })
    expect(parseImport('{not json')).toMatchObject({ error: expect.stringContaining('not JSON') })
    expect(parseImport(JSON.stringify({ version: 9, profiles: [] }))).toMatchObject({ error: expect.stringContaining('newer') })
  })
})
