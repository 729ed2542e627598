import { createHash, randomBytes } from 'node:crypto'
import { LOCAL_VENDOR_API_ID } from '../main/profiles/builtin'
import { createService } from '../main/service'
import { PROTECTED_PATH } from '../main/sandbox/vendor/endpoints/user-profile'
import { ENVIRONMENT_CONFIGS, EXAMPLE_HTTPS_REDIRECT } from '../main/sandbox/vendor/environments'
import type { RunView } from '../shared/domain/run'
import type { BenchResult } from './result'
import { median, round } from './stats'

const USER = { email: 'plain@intl.sandbox.test', password: 'sandbox-password' }

/**
 * (a) A whole API-mode vendor flow against the embedded simulator through the service (initiate,
 * login, authorize, token exchange, the final-token check: every request recorded, redacted,
 * explained, every step published), against a raw fetch sequence of the same five requests.
 * The two alternate, so both see the same machine and the same server state.
 */
export async function vendorApiFlow(flows = 200): Promise<BenchResult> {
  const service = createService({ host: 'web', version: 'bench', versions: {}, openBrowser: async () => undefined })
  // As in the app: a page listens, and every event is serialised for it (the web host's SSE).
  service.events.subscribe((event) => void JSON.stringify(event))
  const keys = ENVIRONMENT_CONFIGS.sandbox.clients.international.find((k) => k.oauthEnabled)!

  const throughService = async (): Promise<void> => {
    const started = (await service.dispatch('startFlow', { profileId: LOCAL_VENDOR_API_ID })) as { ok: boolean; value: RunView }
    if (!started.ok || started.value.status !== 'awaiting-login') throw new Error(`vendor run did not wait for the login: ${started.value?.status}`)
    const after = (await service.dispatch('submitLogin', { runId: started.value.id, ...USER })) as { ok: boolean; value: RunView }
    if (!after.ok) throw new Error('submitLogin failed')
    const done = await service.engine.settled(started.value.id)
    if (done?.status !== 'succeeded') throw new Error(`vendor run ended ${done?.status}`)
  }

  // The simulator starts with the first run; the raw sequence then talks to the same one.
  await throughService()
  const sim = await service.vendorSimulator.current()
  if (!sim) throw new Error('simulator not running')
  const base = sim.environments.sandbox.baseUrl
  const headers = { accept: 'application/json', 'x-client-key': keys.clientKey }
  const post = async (path: string, body: unknown, extra: Record<string, string> = {}): Promise<Record<string, unknown>> => {
    const res = await fetch(base + path, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) })
    if (!res.ok) throw new Error(`raw ${path} answered ${res.status}`)
    return (await res.json()) as Record<string, unknown>
  }
  const raw = async (): Promise<void> => {
    const verifier = randomBytes(32).toString('base64url')
    const state = randomBytes(32).toString('base64url')
    const initiate = new URL(`${base}/v1/auth/oauth/authorize/initiate`)
    for (const [k, v] of Object.entries({ response_type: 'code', client_id: keys.clientKey, redirect_uri: EXAMPLE_HTTPS_REDIRECT, state, code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', mode: 'api' })) initiate.searchParams.set(k, v)
    const session = (await (await fetch(initiate, { headers })).json()) as { token: string }
    const login = await post('/v1/auth/login', USER)
    const authorized = await post('/v1/auth/oauth/authorize', { token: session.token }, { authorization: `Bearer ${String(login.accessToken)}` })
    const tokens = await post('/v1/auth/oauth/token', { grant_type: 'authorization_code', code: authorized.code, redirect_uri: EXAMPLE_HTTPS_REDIRECT, code_verifier: verifier }, { 'x-secret-key': keys.secretKey })
    const check = await fetch(base + PROTECTED_PATH, { headers: { ...headers, authorization: `Bearer ${String(tokens.access_token)}` } })
    if (!check.ok) throw new Error(`raw final check answered ${check.status}`)
    await check.arrayBuffer()
  }

  const serviceMs: number[] = []
  const rawMs: number[] = []
  for (let i = 0; i < flows + 10; i++) {
    const pair: [number[], () => Promise<void>][] = i % 2 ? [[serviceMs, throughService], [rawMs, raw]] : [[rawMs, raw], [serviceMs, throughService]]
    for (const [into, run] of pair) {
      const t0 = performance.now()
      await run()
      if (i >= 10) into.push(performance.now() - t0)
    }
  }
  await service.close()
  const ratio = round(median(serviceMs) / median(rawMs), 3)
  return {
    id: 'a-vendor',
    name: `API-mode vendor flow (${flows}×): service / raw fetch`,
    value: ratio,
    unit: '×',
    goal: '≤ 1.15×',
    ok: ratio <= 1.15,
    details: { flows, serviceMedianMs: round(median(serviceMs), 2), rawMedianMs: round(median(rawMs), 2) },
  }
}
