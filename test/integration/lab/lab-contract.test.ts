import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TesterEvent } from '../../../shared/contract/events'
import type { LabExport, LabReport, ScenarioInfo } from '../../../shared/domain/lab'
import type { ExchangeDetail } from '../../../shared/domain/exchange-detail'
import type { RunView } from '../../../shared/domain/run'
import { ProfileSchema } from '../../../shared/domain/profile'
import { BUILT_IN_PROFILES } from '../../../main/profiles/builtin'
import { SANDBOX_CONFIDENTIAL_CLIENT } from '../../../main/sandbox/oidc/oidc-sandbox'
import { createService, type Service } from '../../../main/service'
import { loginThroughSandbox } from '../../support/sandbox-login'

/** A stack trace line as Node prints it ("    at fn (file.ts:1:2)"). */
const STACK = /\n\s+at\s|\.(ts|js):\d+:\d+/

/** The lab through the contract, as either host's renderer calls it: the real service. */
describe('the scenario lab through the contract', () => {
  let service: Service
  const events: TesterEvent[] = []
  const call = async <T>(name: string, input: unknown = {}): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string; report?: string } }> =>
    (await service.dispatch(name, input)) as never

  beforeAll(() => {
    const confidential = ProfileSchema.parse({ ...BUILT_IN_PROFILES[0], id: 'confidential-as-public', name: 'Confidential as public', builtIn: false, clientId: SANDBOX_CONFIDENTIAL_CLIENT })
    const all = [...BUILT_IN_PROFILES, confidential]
    const profiles = { list: async () => all, get: async (id: string) => all.find((p) => p.id === id) }
    service = createService({ host: 'web', version: 'test', versions: {}, openBrowser: async () => {}, profiles })
    service.events.subscribe((e) => events.push(e))
  })
  afterAll(async () => {
    await service.close()
  })

  it('lists the scenarios with what each does wrong and the diagnosis it expects', async () => {
    const list = await call<ScenarioInfo[]>('listScenarios')
    if (!list.ok) throw new Error(list.error.message)
    const reuse = list.value.find((s) => s.id === 'code-reused')
    expect(reuse).toMatchObject({ title: 'Reuse an authorization code', step: 'token', expected: { code: 'code.reused' }, needsLogin: true, fakeClock: false })
    expect(list.value.find((s) => s.id === 'session-expired')?.fakeClock).toBe(true)
  })

  it('runs chosen scenarios, reports progress as events, and exports JUnit and Markdown', async () => {
    events.length = 0
    const run = await call<LabReport>('runScenarios', { scenarioIds: ['pkce-verifier-regenerated', 'state-tampered'] })
    if (!run.ok) throw new Error(run.error.message)
    expect(run.value.status).toBe('done')
    expect(run.value.counts).toEqual({ pass: 2, fail: 0, error: 0, skipped: 0 })
    const updates = events.filter((e): e is Extract<TesterEvent, { type: 'lab-updated' }> => e.type === 'lab-updated')
    expect(updates.map((e) => e.report.results.map((r) => r.status).join(','))).toEqual(['running,pending', 'pass,running', 'pass,pass'])

    const latest = await call<LabReport | null>('getLabReport')
    expect(latest.ok && latest.value?.id).toBe(run.value.id)

    const junit = await call<LabExport>('exportLabReport', { format: 'junit' })
    expect(junit.ok && junit.value).toMatchObject({ mimeType: 'application/xml', filename: expect.stringMatching(/^scenario-lab-.*\.xml$/) })
    const md = await call<LabExport>('exportLabReport', { format: 'markdown', reportId: run.value.id })
    expect(md.ok && md.value.content).toContain('| Verifier regenerated before the exchange (`pkce-verifier-regenerated`) | `pkce.validation_failed` / `pkce.mismatch.verifier_regenerated` |')
  })

  it('opens the exchange behind a lab diagnosis, redacted', async () => {
    const run = await call<LabReport>('runScenarios', { scenarioIds: ['pkce-verifier-regenerated'] })
    if (!run.ok) throw new Error(run.error.message)
    const id = run.value.results[0]?.diagnosis?.exchangeId
    const detail = await call<ExchangeDetail>('getExchange', { exchangeId: id })
    if (!detail.ok) throw new Error(detail.error.message)
    expect(detail.value.step).toBe('token')
    expect(detail.value.response?.status).toBe(400)
    const verifier = new URLSearchParams(detail.value.request.body).get('code_verifier')
    expect(verifier).toMatch(/^.{6}….{4}$/)
  })

  it('opens the exchange behind a failed run’s diagnosis card', async () => {
    // A confidential client run as a public one: the engine's exchange fails with invalid_client.
    const started = await call<RunView>('startFlow', { profileId: 'confidential-as-public', options: { capture: 'paste' } })
    if (!started.ok) throw new Error(started.error.message)
    const { redirect } = await loginThroughSandbox(started.value.authorizeUrl!)
    await service.dispatch('deliverRedirect', { url: redirect })
    const done = await service.engine.settled(started.value.id)
    const diagnosis = done?.diagnoses[0]
    expect(diagnosis?.code).toBe('token.invalid_client')
    expect(diagnosis?.causes[0]).toMatchObject({ id: 'client.auth_method' })
    const detail = await call<ExchangeDetail>('getExchange', { exchangeId: diagnosis?.exchangeId })
    if (!detail.ok) throw new Error(detail.error.message)
    expect(detail.value).toMatchObject({ step: 'token', response: { status: 401 } })
    expect(new URLSearchParams(detail.value.request.body).get('code')).toMatch(/^.{6}….{4}$/)
    expect(await call('getExchange', { exchangeId: 'no-such-exchange' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('refuses unknown scenarios and a second run while one is running', async () => {
    const unknown = await call('runScenarios', { scenarioIds: ['no-such-scenario'] })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } })
    const first = call<LabReport>('runScenarios', { scenarioIds: ['code-reused'] })
    const second = await call('runScenarios', { scenarioIds: ['code-reused'] })
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect((await first).ok).toBe(true)
  })

  it('turns a step that throws into an internal-error diagnosis with no stack trace, and keeps working', async () => {
    events.length = 0
    const broken = await call<LabReport>('runScenarios', { scenarioIds: ['tester-internal-error'] })
    if (!broken.ok) throw new Error(broken.error.message)
    const result = broken.value.results[0]!
    expect(result.diagnosis?.code).toBe('internal.error')
    expect(result.diagnosis?.causes[0]?.evidence[0]?.label).toBe('report')
    // Nothing that crossed the contract carries a stack trace: the answer, and every event.
    expect(JSON.stringify(broken)).not.toMatch(STACK)
    expect(JSON.stringify(events)).not.toMatch(STACK)
    const after = await call<LabReport>('runScenarios', { scenarioIds: ['code-reused'] })
    expect(after.ok && after.value.results[0]?.status).toBe('pass')
  })
})

describe('an internal error inside the flow engine', () => {
  let blocker: Server
  let port = 0
  let service: Service
  beforeAll(async () => {
    // The embedded server cannot start while its port is taken: the engine's step throws.
    blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()))
    port = (blocker.address() as { port: number }).port
    service = createService({ host: 'web', version: 'test', versions: {}, openBrowser: async () => {}, sandbox: { port } })
  })
  afterAll(async () => {
    await service.close()
    await new Promise<void>((resolve) => (blocker.listening ? blocker.close(() => resolve()) : resolve()))
  })

  it('ends the run with a copyable report and no stack trace, and the next run succeeds', async () => {
    const failed = (await service.dispatch('startFlow', { profileId: 'local-sandbox' })) as { ok: true; value: RunView }
    expect(failed.ok).toBe(true)
    expect(failed.value.status).toBe('failed')
    const diagnosis = failed.value.diagnoses[0]!
    expect(diagnosis.code).toBe('internal.error')
    expect(diagnosis.causes[0]?.evidence[0]?.value).toMatch(/^error: Error: .*EADDRINUSE/)
    expect(JSON.stringify(failed)).not.toMatch(STACK)

    await new Promise<void>((resolve) => blocker.close(() => resolve()))
    const next = (await service.dispatch('startFlow', { profileId: 'local-sandbox' })) as { ok: true; value: RunView }
    expect(next.value.status).toBe('awaiting-callback')
    await loginThroughSandbox(next.value.authorizeUrl!, { followFinal: true })
    expect((await service.engine.settled(next.value.id))?.status).toBe('succeeded')
  })
})
