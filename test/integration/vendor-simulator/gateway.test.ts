import { describe, expect, it } from 'vitest'
import { useVendorSimulator } from '../../support/vendor-simulator'

/** baanx-oauth.md §5.2 and checklist §9.2: the gateway's statuses and `{message}` bodies. */
const f = useVendorSimulator()

const ENDPOINTS = [
  ['GET', '/v1/auth/oauth/authorize/initiate'],
  ['POST', '/v1/auth/login'],
  ['POST', '/v1/auth/login/otp'],
  ['POST', '/v1/auth/oauth/authorize'],
  ['POST', '/v1/auth/oauth/token'],
  ['DELETE', '/v1/auth/oauth/revoke'],
  ['POST', '/v1/auth/logout'],
  ['GET', '/v1/user/profile'],
] as const

describe('5.2 gateway statuses', () => {
  it.each(ENDPOINTS)('499 {"message":"Missing client key"} on %s %s without x-client-key', async (method, path) => {
    const res = await f.sandbox().call(method, path, { noClientKey: true, ...(method !== 'GET' && { json: {} }) })
    expect(res.status).toBe(499)
    expect(res.body.message).toBe('Missing client key')
  })

  it.each(ENDPOINTS)('498 {"message":"Invalid client key"} on %s %s with a key nobody issued', async (method, path) => {
    const res = await f.sandbox().call(method, path, { headers: { 'x-client-key': 'no-such-key' }, ...(method !== 'GET' && { json: {} }) })
    expect(res.status).toBe(498)
    expect(res.body.message).toBe('Invalid client key')
  })

  it('a production key at a sandbox gateway endpoint is 498 too, with the reason in the simulator hint', async () => {
    const res = await f.sandbox().login({ email: 'plain@intl.sandbox.test', password: 'sandbox-password' }, { headers: { 'x-client-key': 'prod-intl-client-key' } })
    expect(res.status).toBe(498)
    expect(res.body.simulator.reason).toBe('wrong-environment-key')
  })

  it('answers 404 {"message":"Not found"} off the map and 405 to a wrong method', async () => {
    const client = f.sandbox()
    const missing = await client.call('GET', '/v1/nothing')
    expect(missing.status).toBe(404)
    expect(missing.body.message).toBe('Not found')
    const wrongMethod = await client.call('GET', '/v1/auth/oauth/token')
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('POST')
  })

  it('logs every request with its status and reason', async () => {
    await f.sandbox().call('GET', '/v1/user/profile', { noClientKey: true })
    expect(f.sim.log.at(-1)).toMatchObject({ environment: 'sandbox', event: 'request', method: 'GET', path: '/v1/user/profile', status: 499, reason: 'missing-client-key' })
  })
})
