import { describe, expect, it } from 'vitest'
import { createPkcePair } from '../../../main/oauth/pkce'
import { walkHostedUi } from '../../support/hosted-ui-walk'
import type { VendorClient } from '../../support/vendor-client'
import { useVendorSimulator } from '../../support/vendor-simulator'

/** baanx-oauth.md §2 (hosted-UI mode) and §6 ("the code arrives as code and state"). */
const f = useVendorSimulator()

/** Step 1 the way a hosted-UI client does it: no mode, follow the 302. */
async function hostedStart(client: VendorClient, redirectUri = 'http://127.0.0.1:49152/callback') {
  const pkce = createPkcePair()
  const res = await client.initiate(client.initiateQuery(pkce, { mode: undefined, redirect_uri: redirectUri, state: 'hosted-state' }))
  expect(res.status).toBe(302)
  return { url: res.headers.get('location')!, pkce, redirectUri }
}

describe('2 hosted-UI mode', () => {
  it('signs in, allows, and sends the browser to redirect_uri with code and state; the code exchanges', async () => {
    const client = f.sandbox()
    const start = await hostedStart(client)
    const user = client.user('plain')
    const walk = await walkHostedUi(start.url, { email: user.email, password: user.password })
    const redirect = new URL(walk.redirect!)
    expect(`${redirect.origin}${redirect.pathname}`).toBe(start.redirectUri)
    expect(redirect.searchParams.get('state')).toBe('hosted-state')
    const code = redirect.searchParams.get('code')!
    const res = await client.token({ grant_type: 'authorization_code', code, redirect_uri: start.redirectUri, code_verifier: start.pkce.verifier })
    expect(res.status).toBe(200)
    expect((await client.profile(res.body.access_token)).status).toBe(200)
  })

  it('asks an OTP user for the code it "sent", shows it, and goes on once it is right', async () => {
    const client = f.sandbox('us')
    const start = await hostedStart(client, 'dev.oauthflowtester:/callback')
    const user = client.user('otp')
    const walk = await walkHostedUi(start.url, { email: user.email, password: user.password, otp: () => client.env.lastOtp(user.email, 'us') })
    const otpPage = walk.pages.find((p) => p.html.includes('action="/hosted/otp"'))!
    expect(otpPage.html).toContain(`<code>${f.sim.log.filter((e) => e.event === 'otp.sent' && e.email === user.email).at(-1)!.otpCode}</code>`)
    expect(walk.redirect).toMatch(/^dev\.oauthflowtester:\/callback\?state=hosted-state&code=/)
  })

  it('"Deny" sends the browser back with error=access_denied and the state', async () => {
    const client = f.sandbox()
    const start = await hostedStart(client)
    const user = client.user('plain')
    const walk = await walkHostedUi(start.url, { email: user.email, password: user.password, decision: 'deny' })
    const redirect = new URL(walk.redirect!)
    expect(redirect.searchParams.get('error')).toBe('access_denied')
    expect(redirect.searchParams.get('state')).toBe('hosted-state')
    expect(redirect.searchParams.has('code')).toBe(false)
  })

  it('stays on the sign-in page with an error after a wrong password', async () => {
    const client = f.sandbox()
    const start = await hostedStart(client)
    const walk = await walkHostedUi(start.url, { email: client.user('plain').email, password: 'wrong' })
    expect(walk.redirect).toBeUndefined()
    expect(walk.pages.at(-1)!.html).toContain('Wrong email or password')
  })

  it('tells a user whose onboarding is incomplete that they cannot sign in yet', async () => {
    const client = f.sandbox()
    const start = await hostedStart(client)
    const user = client.user('onboarding')
    const walk = await walkHostedUi(start.url, { email: user.email, password: user.password })
    expect(walk.redirect).toBeUndefined()
    expect(walk.pages.at(-1)!.html).toContain('phase PHONE_NUMBER')
  })

  it('shows "Session expired" once the 10 minutes are over, even mid-way', async () => {
    const client = f.sandbox()
    const start = await hostedStart(client)
    const page = await fetch(start.url)
    const flow = /name="flow" value="([^"]+)"/.exec(await page.text())![1]!
    f.clock.advance(10 * 60_000)
    const user = client.user('plain')
    const res = await fetch(`${client.env.baseUrl}/hosted/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ flow, email: user.email, password: user.password }).toString(),
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Session expired')
    const again = await fetch(start.url)
    expect(again.status).toBe(400)
  })

  it('does not run a finished session twice', async () => {
    const client = f.sandbox()
    const start = await hostedStart(client)
    const user = client.user('plain')
    await walkHostedUi(start.url, { email: user.email, password: user.password })
    const res = await fetch(start.url)
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('already finished')
  })

  it('says on every page which environment and region it is; production cannot pass for sandbox', async () => {
    const sandbox = await fetch((await hostedStart(f.sandbox())).url)
    expect(await sandbox.text()).toMatch(/data-testid="environment-banner"[^>]*>Sandbox · International region</)
    const prodClient = f.production('us')
    const prod = await hostedStart(prodClient, 'dev.oauthflowtester:/callback')
    const html = await (await fetch(prod.url)).text()
    expect(html).toMatch(/data-testid="environment-banner"[^>]*>PRODUCTION-LIKE · US region</)
    expect(html).toContain('#8b0000')
    expect(html).toContain('plain@us.production.test')
  })

  it('keeps the forms keyboard-usable: labelled fields and a focused first field', async () => {
    const html = await (await fetch((await hostedStart(f.sandbox())).url)).text()
    expect(html).toContain('<label for="email">')
    expect(html).toContain('<label for="password">')
    expect(html).toMatch(/id="email"[^>]*autofocus/)
  })
})

describe('simulator demo page (GET /_simulator)', () => {
  it('lists keys, users with passwords, redirect rules and the log of this environment', async () => {
    const env = f.sim.environments.production
    const html = await (await fetch(`${env.baseUrl}/_simulator`)).text()
    for (const text of ['prod-intl-client-key', 'prod-intl-secret-key', 'prod-us-client-key', 'otp@us.production.test', 'production-password', 'http redirect URIs are refused']) {
      expect(html).toContain(text)
    }
    expect(html).not.toContain('sbx-intl-client-key')
  })
})

describe('2 hosted-UI mode: OTP resend', () => {
  it('"Send a new code" sends another code; past the limit the page says to wait (429)', async () => {
    f.clock.advance(10 * 60_000)
    const client = f.sandbox()
    const start = await hostedStart(client)
    const user = client.user('otp')
    const walk = await walkHostedUi(start.url, { email: user.email, password: user.password })
    const flow = /name="flow" value="([^"]+)"/.exec(walk.pages.at(-1)!.html)![1]!
    const resend = () =>
      fetch(`${client.env.baseUrl}/hosted/otp/resend`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ flow }).toString(),
      })
    const second = await resend()
    expect(second.status).toBe(200)
    expect(await second.text()).toContain(`<code>${client.env.lastOtp(user.email)}</code>`)
    expect((await resend()).status).toBe(200)
    const limited = await resend()
    expect(limited.status).toBe(429)
    expect(await limited.text()).toContain('Too many codes sent')
  })
})
