import { afterAll, describe, expect, it } from 'vitest'
import type { TesterEvent } from '../../../shared/contract/events'
import type { RunView } from '../../../shared/domain/run'
import { LOCAL_VENDOR_API_ID, LOCAL_VENDOR_HOSTED_ID } from '../../../main/profiles/builtin'
import { createService } from '../../../main/service'
import { walkHostedUi } from '../../support/hosted-ui-walk'

/**
 * The vendor flow through the contract, as either host binds it: the built-in profiles run
 * with no setup, and the password, the OTP code and the secret key never come back out.
 */
describe('the vendor flow through the service', () => {
  const opened: string[] = []
  const service = createService({ host: 'web', version: 'test', versions: {}, openBrowser: async (url) => void opened.push(url) })
  const events: TesterEvent[] = []
  service.events.subscribe((e) => events.push(e))
  const answers: unknown[] = []
  afterAll(() => service.close())

  const call = async (name: string, input: unknown): Promise<RunView> => {
    const r = await service.dispatch(name, input)
    answers.push(r)
    if (!r.ok) throw new Error(r.error.message)
    return r.value as RunView
  }
  const settled = async (runId: string): Promise<RunView> => (await service.engine.settled(runId)) as RunView

  it('lists the built-in vendor profiles, each clearly named', async () => {
    const r = await service.dispatch('listProfiles', {})
    const profiles = (r.ok ? r.value : []) as { id: string; name: string; environment: string; flow: string }[]
    const vendor = profiles.filter((p) => p.id.startsWith('local-vendor-'))
    expect(vendor.map((p) => [p.id, p.flow, p.environment])).toEqual([
      ['local-vendor-hosted', 'vendor-hosted', 'sandbox'],
      ['local-vendor-api', 'vendor-api', 'sandbox'],
      ['local-vendor-us', 'vendor-api', 'sandbox'],
      ['local-vendor-production', 'vendor-api', 'production'],
    ])
    for (const p of vendor) expect(p.name).toMatch(/^Local vendor simulator · /)
  })

  it('API mode with OTP completes through submitLogin, sendOtp and submitOtp; no secret comes back', async () => {
    const run = await call('startFlow', { profileId: LOCAL_VENDOR_API_ID })
    expect(run.status).toBe('awaiting-login')
    const sim = (await service.vendorSimulator.current())!
    const user = sim.environments.sandbox.users.international.find((u) => u.kind === 'otp')!
    await call('submitLogin', { runId: run.id, email: user.email, password: user.password, remember: true })
    await call('sendOtp', { runId: run.id })
    const code = sim.environments.sandbox.lastOtp(user.email)!
    await call('submitOtp', { runId: run.id, otpCode: code })
    const done = await settled(run.id)
    expect(done.status).toBe('succeeded')

    // The lifecycle got the simulator's secret key from the service (embedded profiles need no vault).
    const refreshed = await service.dispatch('refreshTokens', { tokenSetId: done.tokens!.id })
    expect(refreshed.ok && (refreshed.value as { ok: boolean }).ok).toBe(true)

    // "Remember in the vault" went to the real vault of the service, and only as "set" outward.
    expect(service.storage.vault.names(LOCAL_VENDOR_API_ID).sort()).toEqual(['login-email', 'password'])
    const summary = (await service.dispatch('listProfiles', {})) as { ok: true; value: { id: string; secrets: Record<string, string> }[] }
    expect(summary.value.find((p) => p.id === LOCAL_VENDOR_API_ID)?.secrets.password).toBe('set')

    const out = JSON.stringify([answers, events, await service.dispatch('getRun', { runId: run.id })])
    expect(out).not.toContain(user.password)
    expect(out).not.toContain(`"${code}"`)
    expect(out).not.toContain('sbx-intl-secret-key')
  })

  it('refuses what breaks the schema without echoing the password', async () => {
    const run = await call('startFlow', { profileId: LOCAL_VENDOR_API_ID })
    const secret = `pw-${'x'.repeat(1100)}`
    const r = await service.dispatch('submitLogin', { runId: run.id, email: 'a@b.test', password: secret })
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(JSON.stringify(r)).not.toContain('pw-x')
    // A login for a run that does not wait for one is a conflict, not a crash.
    const hosted = await call('startFlow', { profileId: LOCAL_VENDOR_HOSTED_ID })
    expect(await service.dispatch('submitLogin', { runId: hosted.id, email: 'a@b.test', password: 'x' })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    await call('cancelFlow', { runId: run.id })
    await call('cancelFlow', { runId: hosted.id })
  })

  it('hosted-UI mode opens the hosted page in the browser and completes by loopback', async () => {
    const run = await call('startFlow', { profileId: LOCAL_VENDOR_HOSTED_ID })
    expect(opened.at(-1)).toBe(run.authorizeUrl)
    const walked = await walkHostedUi(run.authorizeUrl!, { email: 'plain@intl.sandbox.test', password: 'sandbox-password' })
    await fetch(walked.redirect!)
    expect((await settled(run.id)).status).toBe('succeeded')
  })
})
