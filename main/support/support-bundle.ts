import type { SupportBundle } from '../../shared/domain/evidence-files'
import type { TokenFacts } from '../../shared/domain/run-record'
import { slugOf, utcStamp } from '../history/file-names'
import type { RunRecord } from '../history/run-record'
import { harFromRedacted } from '../http/har'
import { scrubDeep } from '../http/scrub-deep'
import { bundleMarkdown } from './bundle-markdown'
import type { HostFacts } from './host-facts'
import { clientKeyOf, errorCodesOf, ticketSummary } from './ticket-summary'

/** Claims whose values say how the token was made, not who it is about; the others are listed by name only. */
const PLAIN_CLAIMS = new Set(['iss', 'aud', 'azp', 'client_id', 'scope', 'scp', 'token_use', 'typ', 'acr', 'amr', 'exp', 'iat', 'nbf', 'auth_time'])

export const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString())

export interface TimelineEntry {
  at: string
  kind: 'step' | 'redirect' | 'note' | 'exchange' | 'diagnosis'
  text: string
}

/**
 * The support bundle of one run, built from its record (redacted already): host facts, the
 * profile without secrets (the client key shown, secrets as "set" / "not set"), the timeline in
 * UTC, the diagnoses, the redacted HAR and a summary for the ticket. `secrets` are the vault's
 * current values for the profile, scrubbed once more from the finished text.
 */
export function buildSupportBundle(record: RunRecord, host: HostFacts, generatedAt: number, secrets: readonly string[]): SupportBundle {
  const summary = ticketSummary(record, host)
  const { run, profile } = record
  const har = harFromRedacted(record.exchanges, { name: host.app.name, version: host.app.version }, `Run ${run.id} of “${profile.name}” (${profile.environment}). Secrets removed, tokens and codes masked.`)
  const doc = {
    format: 'oauth-flow-tester-support-bundle',
    formatVersion: 1,
    generatedAt: iso(generatedAt),
    summary,
    app: host.app,
    system: host.system,
    run: {
      id: run.id,
      status: run.status,
      startedAt: iso(run.createdAt),
      endedAt: iso(run.endedAt),
      wayBack: run.captureMethod,
      redirectUri: record.resolved.redirectUri ?? run.redirectUri,
      authorizeUrl: run.authorizeUrl,
      errorCodes: errorCodesOf(record),
    },
    profile: {
      name: profile.name,
      environment: profile.environment,
      flow: profile.flow,
      region: profile.region,
      embedded: profile.embedded,
      issuer: record.resolved.issuer ?? profile.issuer,
      apiBaseUrl: profile.apiBaseUrl,
      endpoints: record.resolved.endpoints,
      clientKey: clientKeyOf(record),
      clientId: profile.clientId,
      clientAuth: profile.clientAuth,
      clientHeaders: profile.clientHeaders,
      secrets: profile.secrets,
      scopes: profile.scopes,
      lifetimes: profile.lifetimes,
      extraAuthorizeParams: profile.extraAuthorizeParams,
      extraTokenParams: profile.extraTokenParams,
      extraHeaders: profile.extraHeaders,
      server: record.resolved.server,
    },
    timeline: timelineOf(record),
    diagnoses: run.diagnoses.map((d) => ({
      code: d.code,
      title: d.title,
      summary: d.summary,
      step: d.stepKind,
      at: iso(d.at),
      causes: d.causes.map((c) => ({ likelihood: c.likelihood, text: c.text, evidence: c.evidence })),
      fixes: d.fixes,
    })),
    tokens: record.tokens.map(tokenSummary),
    har,
  }
  const clean = scrubDeep(doc, secrets)
  const base = fileBase(profile.name, generatedAt)
  const markdown = scrubDeep(bundleMarkdown(record, host, clean.summary, clean.timeline, generatedAt), secrets)
  return {
    summary: clean.summary,
    json: { fileName: `${base}.json`, mimeType: 'application/json', text: `${JSON.stringify(clean, null, 2)}\n` },
    markdown: { fileName: `${base}.md`, mimeType: 'text/markdown', text: markdown },
    generatedAt,
  }
}

/** Steps, redirects, notes, requests and diagnoses, in the order they happened, in UTC. */
export function timelineOf(record: RunRecord): TimelineEntry[] {
  const { run } = record
  const entries: { at: number; kind: TimelineEntry['kind']; text: string }[] = []
  entries.push({ at: run.createdAt, kind: 'step', text: `Run started (${run.profileName}, ${run.environment})` })
  for (const s of run.steps) {
    if (s.startedAt !== undefined && s.status !== 'skipped') entries.push({ at: s.startedAt, kind: 'step', text: `${s.title}: started` })
    if (s.endedAt !== undefined) entries.push({ at: s.endedAt, kind: 'step', text: `${s.title}: ${s.status}${s.detail ? ` (${s.detail})` : ''}` })
  }
  for (const ex of record.exchanges) {
    const outcome = ex.response ? String(ex.response.status) : `no answer (${ex.error?.kind ?? 'error'})`
    entries.push({ at: ex.startedAt, kind: 'exchange', text: `${ex.step}: ${ex.request.method} ${ex.request.url} → ${outcome} in ${Math.round(ex.durationMs)} ms` })
  }
  for (const a of run.arrivals ?? []) entries.push({ at: a.at, kind: 'redirect', text: `Redirect via ${a.method}, ${a.outcome}: ${a.message}` })
  for (const n of run.notes) entries.push({ at: n.at, kind: 'note', text: `${n.level}: ${n.text}` })
  for (const d of run.diagnoses) entries.push({ at: d.at, kind: 'diagnosis', text: `${d.title} (${d.code})` })
  if (run.endedAt !== undefined) entries.push({ at: run.endedAt, kind: 'step', text: `Run ended: ${run.status}` })
  // Stable: equal times keep the order they were added in.
  return entries
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map(({ at, kind, text }) => ({ at: iso(at) as string, kind, text }))
}

function tokenSummary(t: TokenFacts) {
  const claims = t.claims ?? {}
  return {
    kind: t.kind,
    format: t.format,
    masked: t.masked,
    issuedAt: iso(t.issuedAt),
    expiresAt: iso(t.expiresAt),
    lifetimeSeconds: t.lifetimeSeconds,
    header: t.header,
    claims: Object.fromEntries(Object.keys(claims).sort().filter((k) => PLAIN_CLAIMS.has(k)).map((k) => [k, claims[k]])),
    otherClaims: Object.keys(claims).sort().filter((k) => !PLAIN_CLAIMS.has(k)),
  }
}

/** `oauth-flow-tester-support-acme-production-20260304T101112Z`. */
export const fileBase = (profileName: string, at: number): string => `oauth-flow-tester-support-${slugOf(profileName)}-${utcStamp(at)}`
