import { describe, expect, it } from 'vitest'
import { useVendorSimulator } from '../../support/vendor-simulator'

/** baanx-oauth.md §3.2, §3.3 and checklist §9.4: login, OTP send. */
const f = useVendorSimulator()

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('3.2 login', () => {
  it.each([
    { kind: 'plain', token: true, isOtpRequired: false, phase: null, meaning: 'success' },
    { kind: 'otp', token: false, isOtpRequired: true, phase: null, meaning: 'OTP flow' },
    { kind: 'onboarding', token: false, isOtpRequired: false, phase: 'PHONE_NUMBER', meaning: 'onboarding incomplete' },
    { kind: 'partial', token: true, isOtpRequired: false, phase: 'MAILING_ADDRESS', meaning: 'token valid, registration partly done' },
  ] as const)('decision table row "$meaning": the $kind user gets accessToken=$token, isOtpRequired=$isOtpRequired, phase=$phase', async (row) => {
    const client = f.sandbox()
    const user = client.user(row.kind)
    const res = await client.login({ email: user.email, password: user.password })
    expect(res.status).toBe(200)
    expect(res.body.userId).toMatch(UUID)
    expect(typeof res.body.accessToken === 'string').toBe(row.token)
    if (!row.token) expect(res.body.accessToken).toBeNull()
    expect(res.body.isOtpRequired).toBe(row.isOtpRequired)
    expect(res.body.phase).toBe(row.phase)
    expect(['UNVERIFIED', 'PENDING', 'VERIFIED', 'REJECTED']).toContain(res.body.verificationState)
    expect(res.body.isLinked).toBe(false)
    if (row.isOtpRequired) expect(res.body.phoneNumber).toMatch(/^\+\d{3}\*{5}\d{3}$/)
    else expect(res.body).not.toHaveProperty('phoneNumber')
  })

  it('says isLinked: true once the user has authorized this client', async () => {
    const client = f.sandbox()
    await client.code('partial')
    const user = client.user('partial')
    const res = await client.login({ email: user.email, password: user.password })
    expect(res.body.isLinked).toBe(true)
  })

  it('answers 400 Invalid credentials for a wrong password or an unknown email', async () => {
    const client = f.sandbox()
    const user = client.user('plain')
    for (const body of [
      { email: user.email, password: 'wrong' },
      { email: 'nobody@intl.sandbox.test', password: user.password },
    ]) {
      const res = await client.login(body)
      expect(res.status).toBe(400)
      expect(res.body.message).toBe('Invalid credentials')
    }
  })

  it.each([
    { name: 'email missing', body: { password: 'x' }, field: 'email' },
    { name: 'email malformed', body: { email: 'not-an-email', password: 'x' }, field: 'email' },
    { name: 'password missing', body: { email: 'plain@intl.sandbox.test' }, field: 'password' },
    { name: 'otpCode of 5 digits', body: { email: 'plain@intl.sandbox.test', password: 'x', otpCode: '12345' }, field: 'otpCode' },
    { name: 'otpCode as a number', body: { email: 'plain@intl.sandbox.test', password: 'x', otpCode: 123456 }, field: 'otpCode' },
  ])('answers 422 in the validation shape when $name', async ({ body, field }) => {
    const res = await f.sandbox().login(body)
    expect(res.status).toBe(422)
    expect(res.body.error).toBe('Validation error')
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field)
  })

  it('answers 422 to a body that is not JSON', async () => {
    const res = await f.sandbox().call('POST', '/v1/auth/login', { form: { email: 'plain@intl.sandbox.test', password: 'sandbox-password' } })
    expect(res.status).toBe(422)
    expect(res.body.details[0].field).toBe('body')
  })

  it('OTP required, then success: send the OTP, re-post with otpCode, get the token', async () => {
    const client = f.sandbox()
    const user = client.user('otp')
    const first = await client.login({ email: user.email, password: user.password })
    expect(first.body).toMatchObject({ accessToken: null, isOtpRequired: true, userId: user.userId })
    expect((await client.sendOtp(first.body.userId)).body).toEqual({ success: true })
    const code = client.env.lastOtp(user.email)
    expect(code).toMatch(/^\d{6}$/)
    const second = await client.login({ email: user.email, password: user.password, otpCode: code })
    expect(second.status).toBe(200)
    expect(second.body).toMatchObject({ isOtpRequired: false, phase: null, verificationState: 'VERIFIED' })
    expect(second.body.accessToken).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('refuses a wrong OTP code, a code never sent, and a code used twice', async () => {
    const client = f.sandbox('us')
    const user = client.user('otp')
    const creds = { email: user.email, password: user.password }
    const notSent = await client.login({ ...creds, otpCode: '000000' })
    expect(notSent.status).toBe(400)
    expect(notSent.body).toMatchObject({ message: 'Invalid OTP code', simulator: { reason: 'otp-not-sent' } })
    await client.sendOtp(user.userId)
    const code = client.env.lastOtp(user.email, 'us')!
    const wrong = await client.login({ ...creds, otpCode: code === '111111' ? '222222' : '111111' })
    expect(wrong.body).toMatchObject({ message: 'Invalid OTP code', simulator: { reason: 'otp-wrong' } })
    expect((await client.login({ ...creds, otpCode: code })).status).toBe(200)
    const again = await client.login({ ...creds, otpCode: code })
    expect(again.status).toBe(400)
    expect(again.body.message).toBe('Invalid OTP code')
  })
})

describe('3.2 login, with the documented 400s (loginErrors: status)', () => {
  const g = useVendorSimulator({ loginErrors: 'status' })

  it('answers "OTP required" as 400, with the userId needed to send the code', async () => {
    const client = g.sandbox()
    const user = client.user('otp')
    const res = await client.login({ email: user.email, password: user.password })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ message: 'OTP required', isOtpRequired: true, userId: user.userId })
    await client.sendOtp(res.body.userId)
    const done = await client.login({ email: user.email, password: user.password, otpCode: client.env.lastOtp(user.email) })
    expect(done.status).toBe(200)
    expect(done.body.accessToken).toEqual(expect.any(String))
  })
})

describe('3.3 OTP send', () => {
  it('answers {success: true} and "sends" 6 digits: the demo page and the log show them', async () => {
    const client = f.sandbox()
    const user = client.user('otp')
    const res = await client.sendOtp(user.userId)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ success: true })
    const code = client.env.lastOtp(user.email)!
    expect(code).toMatch(/^\d{6}$/)
    const page = await (await fetch(`${client.env.baseUrl}/_simulator`)).text()
    expect(page).toContain(`data-testid="otp-${user.email}">${code}<`)
    expect(f.sim.log.filter((e) => e.event === 'otp.sent' && e.email === user.email).at(-1)?.otpCode).toBe(code)
  })

  it('a resend replaces the previous code', async () => {
    f.clock.advance(10 * 60_000)
    const client = f.sandbox()
    const user = client.user('otp')
    await client.sendOtp(user.userId)
    const first = client.env.lastOtp(user.email)!
    let second = first
    // One in a million the new code equals the old one; send once more then.
    while (second === first) {
      await client.sendOtp(user.userId)
      second = client.env.lastOtp(user.email)!
    }
    const old = await client.login({ email: user.email, password: user.password, otpCode: first })
    expect(old.body.simulator.reason).toBe('otp-wrong')
  })

  it('answers 422 without a userId, 400 for a user without OTP', async () => {
    const client = f.sandbox()
    expect((await client.call('POST', '/v1/auth/login/otp', { json: {} })).status).toBe(422)
    expect((await client.sendOtp('not-a-uuid')).status).toBe(422)
    const plain = await client.sendOtp(client.user('plain').userId)
    expect(plain.status).toBe(400)
    expect(plain.body.simulator.reason).toBe('otp-not-enabled')
  })

  it('is rate limited: the 4th send within 5 minutes answers 429 with retry-after; later it works again', async () => {
    f.clock.advance(10 * 60_000)
    const client = f.sandbox('us')
    const user = client.user('otp')
    for (let i = 0; i < 3; i++) expect((await client.sendOtp(user.userId)).status).toBe(200)
    const limited = await client.sendOtp(user.userId)
    expect(limited.status).toBe(429)
    expect(limited.body.message).toBe('Too many requests')
    expect(Number(limited.headers.get('retry-after'))).toBe(300)
    f.clock.advance(300_000)
    expect((await client.sendOtp(user.userId)).status).toBe(200)
  })
})
