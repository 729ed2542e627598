import * as client from 'openid-client'
import { BUILT_IN_PROFILES } from '../main/profiles/builtin'
import { createService } from '../main/service'
import { SANDBOX_PASTE_REDIRECT, SANDBOX_PUBLIC_CLIENT } from '../main/sandbox/oidc/oidc-sandbox'
import type { RunView } from '../shared/domain/run'
import { loginThroughSandbox } from '../test/support/sandbox-login'
import type { BenchResult } from './result'
import { median, round } from './stats'

/**
 * (a2) Refresh-token rotations against the embedded oidc-provider, four ways interleaved in one
 * run: through the service's contract (what the renderer's click does: validation, recording,
 * redaction, lineage, events), the token lifecycle called directly (the same minus the
 * contract boundary), openid-client (what a developer would script instead), and a raw fetch
 * of the same request. Each way has its own grant, so their rotations never collide.
 */
export async function refreshRotations(rounds = 500): Promise<BenchResult[]> {
  const service = createService({ host: 'web', version: 'bench', versions: {}, openBrowser: async () => undefined })
  // As in the app: a page listens, and every event is serialised for it (the web host's SSE).
  service.events.subscribe((event) => void JSON.stringify(event))
  const started = (await service.dispatch('startFlow', { profileId: 'local-sandbox' })) as { ok: boolean; value: RunView }
  if (!started.ok) throw new Error('startFlow failed')
  await loginThroughSandbox(started.value.authorizeUrl!, { followFinal: true })
  await service.engine.settled(started.value.id)
  const sets = (await service.dispatch('listTokenSets', { profileId: 'local-sandbox' })) as { ok: boolean; value: { id: string }[] }
  const tokenSetId = sets.value[0]?.id
  if (!tokenSetId) throw new Error('no token set')
  const issuer = new URL(started.value.authorizeUrl!).origin

  // openid-client and raw fetch each get a grant of their own, through the same login pages.
  const config = await client.discovery(new URL(issuer), SANDBOX_PUBLIC_CLIENT, undefined, client.None(), { execute: [client.allowInsecureRequests] })
  const ownGrant = async (): Promise<string> => {
    const verifier = client.randomPKCECodeVerifier()
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: SANDBOX_PASTE_REDIRECT,
      // The same scopes as the app's profile, so the server does the same work for every way.
      scope: BUILT_IN_PROFILES.find((p) => p.id === 'local-sandbox')!.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: 'bench',
    })
    const { redirect } = await loginThroughSandbox(url.toString())
    const tokens = await client.authorizationCodeGrant(config, new URL(redirect), { pkceCodeVerifier: verifier, expectedState: 'bench' })
    return tokens.refresh_token!
  }
  // A second app token set, refreshed by calling the lifecycle directly (no contract boundary),
  // to show what the boundary itself costs.
  const second = (await service.dispatch('startFlow', { profileId: 'local-sandbox' })) as { ok: boolean; value: RunView }
  await loginThroughSandbox(second.value.authorizeUrl!, { followFinal: true })
  await service.engine.settled(second.value.id)
  const allSets = (await service.dispatch('listTokenSets', { profileId: 'local-sandbox' })) as { ok: boolean; value: { id: string }[] }
  const coreSetId = allSets.value.find((set) => set.id !== tokenSetId)?.id
  if (!coreSetId) throw new Error('no second token set')
  let openidRefresh = await ownGrant()
  let rawRefresh = await ownGrant()
  const tokenEndpoint = config.serverMetadata().token_endpoint!

  const ways = {
    service: async () => {
      const r = (await service.dispatch('refreshTokens', { tokenSetId })) as { ok: boolean; value?: { ok: boolean } }
      if (!r.ok || !r.value?.ok) throw new Error('service refresh failed')
    },
    core: async () => {
      const r = await service.tokens.refresh(coreSetId)
      if (!r.ok || !r.value.ok) throw new Error('lifecycle refresh failed')
    },
    openid: async () => {
      const t = await client.refreshTokenGrant(config, openidRefresh)
      openidRefresh = t.refresh_token!
    },
    raw: async () => {
      const res = await fetch(tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: rawRefresh, client_id: SANDBOX_PUBLIC_CLIENT }),
      })
      const body = (await res.json()) as { refresh_token?: string }
      if (!res.ok || !body.refresh_token) throw new Error('raw refresh failed')
      rawRefresh = body.refresh_token
    },
  }
  const samples: Record<keyof typeof ways, number[]> = { service: [], core: [], openid: [], raw: [] }
  const order = Object.keys(ways) as (keyof typeof ways)[]
  for (let i = 0; i < rounds + 20; i++) {
    // Rotate who goes first, so no way always pays for a cold connection or a GC.
    for (let k = 0; k < order.length; k++) {
      const way = order[(i + k) % order.length]!
      const t0 = performance.now()
      await ways[way]()
      if (i >= 20) samples[way].push(performance.now() - t0)
    }
  }
  await service.close()
  const raw = median(samples.raw)
  const ratio = (way: 'service' | 'core' | 'openid'): number => round(median(samples[way]) / raw, 3)
  const details = {
    rounds,
    rawMedianMs: round(raw, 3),
    serviceMedianMs: round(median(samples.service), 3),
    lifecycleMedianMs: round(median(samples.core), 3),
    openidClientMedianMs: round(median(samples.openid), 3),
  }
  return [
    { id: 'a2-service', name: `${rounds} refresh rotations: service / raw fetch`, value: ratio('service'), unit: '×', goal: '≤ 1.05×', ok: ratio('service') <= 1.05, details },
    { id: 'a2-core', name: `${rounds} refresh rotations: lifecycle without the contract / raw fetch`, value: ratio('core'), unit: '×', goal: '≤ 1.05×', ok: ratio('core') <= 1.05, details },
    { id: 'a2-openid', name: `${rounds} refresh rotations: openid-client / raw fetch`, value: ratio('openid'), unit: '×', goal: '(reference)', ok: true, details },
  ]
}
