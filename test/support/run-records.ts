import { ProfileSchema } from '../../shared/domain/profile'
import type { RunView } from '../../shared/domain/run'
import type { HttpExchange } from '../../main/http/exchange'
import type { RunRecord } from '../../main/history/run-record'

/** A hand-made run record (what the history stores), with overrides: for compare, bundle and history tests. */
export function makeRecord(opts: {
  id?: string
  port?: number
  environment?: 'sandbox' | 'production' | 'custom'
  clientId?: string
  status?: RunView['status']
  steps?: RunView['steps']
  exchanges?: HttpExchange[]
  diagnoses?: RunView['diagnoses']
  tokens?: RunRecord['tokens']
  scope?: string
  createdAt?: number
} = {}): RunRecord {
  const port = opts.port ?? 4000
  const issuer = `http://127.0.0.1:${port}`
  const createdAt = opts.createdAt ?? Date.UTC(2026, 2, 4, 10, 11, 12)
  const profile = ProfileSchema.parse({ id: 'p1', name: 'Acme sandbox', environment: opts.environment ?? 'sandbox', embedded: 'oidc-sandbox', clientId: opts.clientId ?? 'acme', scopes: 'openid profile' })
  const run: RunView = {
    id: opts.id ?? 'run-1',
    profileId: profile.id,
    profileName: profile.name,
    environment: profile.environment,
    status: opts.status ?? 'succeeded',
    createdAt,
    endedAt: createdAt + 2000,
    captureMethod: 'loopback',
    redirectUri: `http://127.0.0.1:${port + 1}/callback`,
    steps: opts.steps ?? [
      { kind: 'discovery', title: 'Discover endpoints', status: 'done', startedAt: createdAt, endedAt: createdAt + 20, exchangeIds: ['d1'], diagnosisIds: [] },
      { kind: 'token', title: 'Exchange the code for tokens', status: opts.status === 'failed' ? 'failed' : 'done', startedAt: createdAt + 1000, endedAt: createdAt + 1030, exchangeIds: ['t1'], diagnosisIds: [] },
    ],
    deadlines: [{ kind: 'session', label: 'Authorization session', startsAt: createdAt, expiresAt: createdAt + 600_000 }],
    diagnoses: opts.diagnoses ?? [],
    exchanges: [],
    notes: [],
    ...(opts.status !== 'failed' && { tokens: { id: 't', tokens: [], ...(opts.scope !== undefined && { scope: opts.scope }) } }),
  }
  return {
    run,
    recordedAt: createdAt + 2000,
    profile: { ...profile, secrets: {} },
    resolved: { issuer, endpoints: { authorize: `${issuer}/auth`, token: `${issuer}/token` }, redirectUri: run.redirectUri! },
    tokens: opts.tokens ?? [],
    exchanges: opts.exchanges ?? [exchange('d1', 'discovery', `${issuer}/.well-known/openid-configuration`, 200, createdAt), exchange('t1', 'token', `${issuer}/token`, opts.status === 'failed' ? 401 : 200, createdAt + 1000)],
  }
}

export function exchange(id: string, step: string, url: string, status: number, at: number, extra: Partial<HttpExchange> = {}): HttpExchange {
  return {
    id,
    step,
    startedAt: at,
    durationMs: 12,
    request: { method: step === 'token' ? 'POST' : 'GET', url, headers: { accept: 'application/json' } },
    response: {
      status,
      statusText: status === 200 ? 'OK' : 'Unauthorized',
      headers: { 'content-type': 'application/json', date: new Date(at).toUTCString(), 'cache-control': 'no-store' },
      body: status >= 400 ? '{"error":"invalid_client","error_description":"client authentication failed"}' : '{}',
      truncated: false,
    },
    ...extra,
  }
}
