import { describe, expect, it } from 'vitest'
import { draft, find, rules } from './helpers'

const headers = (clientHeaders: Record<string, string>, secretHeaders: string[] = []) =>
  draft({ clientAuth: 'headers', clientHeaders, secretHeaders })

describe('client authentication and its secrets', () => {
  it('asks for the client secret of basic and post, on the secret field', () => {
    for (const clientAuth of ['client_secret_basic', 'client_secret_post'] as const) {
      const issue = find(draft({ clientAuth }), 'auth.secret-missing', 'secrets.clientSecret')
      expect(issue?.severity).toBe('error')
      expect(issue?.message).toContain('Enter the client secret')
      expect(find(draft({ clientAuth }), 'auth.secret-missing', undefined, ['clientSecret'])).toBeUndefined()
    }
  })

  it('asks for each secret header, and only warns for an embedded server’s demo client', () => {
    expect(find(headers({ 'x-client-key': 'k' }, ['x-secret-key']), 'auth.secret-missing', 'secrets.x-secret-key')?.severity).toBe('error')
    expect(rules(headers({ 'x-client-key': 'k' }, ['x-secret-key']), ['x-secret-key'])).toEqual([])
    const embedded = draft({ embedded: 'oidc-sandbox', issuer: undefined, clientAuth: 'client_secret_basic' })
    expect(find(embedded, 'auth.secret-missing')?.severity).toBe('warning')
    // The vendor simulator supplies its own secret key to the run.
    const simulator = draft({ embedded: 'vendor-simulator', flow: 'vendor-hosted', issuer: undefined, clientAuth: 'headers', clientHeaders: { 'x-client-key': 'sbx-intl-client-key' }, secretHeaders: ['x-secret-key'] })
    expect(find(simulator, 'auth.secret-missing')).toBeUndefined()
  })

  it('never requires the vendor password: it can be typed at run time', () => {
    const p = draft({ flow: 'vendor-api', apiBaseUrl: 'https://dev.api.baanx.com', clientAuth: 'headers', clientHeaders: { 'x-client-key': 'acme-app' }, secretHeaders: ['x-secret-key'] })
    expect(find(p, 'auth.secret-missing', 'secrets.password', ['x-secret-key'])).toBeUndefined()
  })

  it('flags a stored secret the profile does not use, in particular with auth “none”', () => {
    expect(find(draft(), 'auth.secret-unused', 'secrets.clientSecret', ['clientSecret'])?.message).toContain('“none”')
    expect(find(headers({ 'x-client-key': 'k' }), 'auth.secret-unused', 'secrets.x-old-key', ['x-old-key'])?.severity).toBe('warning')
  })

  it('says client headers are ignored by other methods', () => {
    expect(find(draft({ clientHeaders: { 'x-client-key': 'k' } }), 'auth.headers-ignored')?.severity).toBe('warning')
  })

  it('needs at least one header, valid names, values, and no name twice', () => {
    expect(find(headers({}), 'auth.headers-empty')?.severity).toBe('error')
    expect(find(headers({ 'x client key': 'k' }), 'auth.header-name')).toBeDefined()
    expect(find(headers({ 'x-client-key': '' }), 'auth.header-value', 'clientHeaders.x-client-key')).toBeDefined()
    expect(find(headers({ 'x-token': 'k' }, ['X-Token']), 'auth.header-twice')).toBeDefined()
    expect(find(headers({ 'x-client-key': 'k' }, ['x-secret-key', 'X-Secret-Key']), 'auth.header-duplicate', undefined, ['x-secret-key'])).toBeDefined()
  })

  it('refuses a secret-looking header among the plain ones: its value would be written to the profile file', () => {
    const issue = find(headers({ 'x-client-key': 'k', 'x-secret-key': 'oops' }), 'auth.secret-in-profile', 'clientHeaders.x-secret-key')
    expect(issue?.severity).toBe('error')
    expect(issue?.message).toContain('vault')
  })
})
