import { afterAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../support/fake-clock'
import { EngineHarness } from '../support/engine-harness'
import { loginThroughSandbox } from '../support/sandbox-login'

/** The authorization session's deadline, driven by a fake clock (never by sleeping). */
describe('session deadline', () => {
  const clock = new FakeClock()
  const h = new EngineHarness(clock)
  afterAll(() => h.close())

  it('expires a run whose redirect does not come back in time, then refuses the late code', async () => {
    h.addProfile({ id: 'short-session', lifetimes: { sessionSeconds: 60, codeSeconds: 600, refreshTokenDays: 7 } })
    const started = await h.engine.start('short-session')
    if (!started.ok) throw new Error(started.error.message)
    const run = started.value
    const session = run.deadlines.find((d) => d.kind === 'session')
    expect(session && session.expiresAt - session.startsAt).toBe(60_000)

    const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
    clock.advance(59_999)
    expect((await h.engine.settled(run.id))?.status).toBe('awaiting-callback')
    clock.advance(1)
    const expired = await h.engine.settled(run.id)
    expect(expired?.status).toBe('expired')
    expect(expired?.diagnoses.map((d) => d.code)).toEqual(['session.expired'])
    expect(expired?.diagnoses[0]?.summary).toContain('1 min authorization session')

    const late = await h.engine.deliver({ url: redirect, method: 'paste' })
    expect(late.outcome).toBe('rejected')
    expect(late.diagnosis?.code).toBe('callback.run_finished')
    expect(h.tokenRequests(run.id)).toHaveLength(0)
  })
})
