import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ENVIRONMENT_CONFIGS } from '../../../main/sandbox/vendor/environments'
import { checkRedirect, describeMismatch } from '../../../main/sandbox/vendor/redirect-rules'

const sandbox = ENVIRONMENT_CONFIGS.sandbox.redirect
const production = ENVIRONMENT_CONFIGS.production.redirect

describe('vendor simulator redirect rules', () => {
  it('accepts any loopback port in sandbox, never in production', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), (port) => {
        const uri = `http://127.0.0.1:${port}/callback`
        expect(checkRedirect(uri, sandbox).ok).toBe(true)
        expect(checkRedirect(uri, production)).toMatchObject({ ok: false, reason: 'https-required' })
      }),
    )
  })

  it('never accepts a whitelisted URI with anything appended', () => {
    fc.assert(
      fc.property(fc.constantFrom(...sandbox.exact, ...sandbox.approvedCustom), fc.string({ minLength: 1, maxLength: 20 }), (uri, tail) => {
        expect(checkRedirect(`${uri}${tail}`, sandbox).ok).toBe(false)
      }),
    )
  })

  it('names a trailing slash and a query string as such', () => {
    expect(checkRedirect('https://example.com/callback/', sandbox)).toMatchObject({ reason: 'trailing-slash' })
    expect(checkRedirect('https://example.com/callback?a=1', production)).toMatchObject({ reason: 'query-in-uri' })
    expect(describeMismatch('https://example.com/callback/', 'https://example.com/callback').reason).toBe('redirect-mismatch-trailing-slash')
    expect(describeMismatch('https://example.com/callback?a=1', 'https://example.com/callback').reason).toBe('redirect-mismatch-query')
  })
})
