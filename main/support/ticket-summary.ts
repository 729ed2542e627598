import type { RunRecord } from '../history/run-record'
import { errorCodeOf } from '../compare/exchange-pairs'
import type { HostFacts } from './host-facts'

const FLOW_NAMES: Record<string, string> = {
  standard: 'an OAuth 2.0 authorization-code + PKCE flow',
  'vendor-hosted': 'the card vendor’s four-step flow (hosted UI)',
  'vendor-api': 'the card vendor’s four-step flow (API mode)',
}

/** "2026-03-04 at 10:11:12 UTC". */
export const utcPhrase = (ms: number): string => {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 10)} at ${iso.slice(11, 19)} UTC`
}

/** The public client key: the vendor's `x-client-key` header when the profile sends one, else the client id. */
export function clientKeyOf(record: Pick<RunRecord, 'profile'>): string {
  const headers = record.profile.clientHeaders
  const key = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-client-key')?.[1]
  return key && key !== '' ? key : record.profile.clientId
}

/** Error codes a support desk searches for: diagnosis codes, OAuth `error` values, HTTP statuses. */
export function errorCodesOf(record: Pick<RunRecord, 'run' | 'exchanges'>): string[] {
  const codes: string[] = []
  for (const ex of record.exchanges) {
    const status = ex.response?.status
    if (status !== undefined && status >= 400) codes.push(`HTTP ${status}`)
    const error = errorCodeOf(ex)
    if (error !== undefined) codes.push(error)
    if (ex.error) codes.push(`network: ${ex.error.kind}`)
  }
  codes.push(...record.run.diagnoses.map((d) => d.code))
  return [...new Set(codes)]
}

/**
 * The paragraph to paste into a ticket: environment, when (UTC), what failed and how, the error
 * codes and the client key (never the secret), in the order the vendor's guide asks for them.
 */
export function ticketSummary(record: RunRecord, host: HostFacts): string {
  const { run, profile } = record
  const flow = FLOW_NAMES[profile.flow] ?? `a ${profile.flow} flow`
  const server =
    profile.embedded === 'oidc-sandbox'
      ? 'the embedded local authorization server'
      : profile.embedded === 'vendor-simulator'
        ? 'the local vendor simulator'
        : (hostOf(record.resolved.issuer ?? profile.issuer ?? profile.apiBaseUrl ?? record.resolved.endpoints.token) ?? 'a server typed into the profile')
  const region = profile.region ? `, ${profile.region === 'us' ? 'US' : 'international'} region` : ''
  const opening = `On ${utcPhrase(run.createdAt)}, ${flow} in the ${profile.environment} environment${region} (profile “${profile.name}”, against ${server})`
  const failed = run.steps.find((s) => s.status === 'failed')
  const first = run.diagnoses[0]
  let outcome: string
  switch (run.status) {
    case 'succeeded': {
      const kinds = record.tokens.map((t) => t.kind.replace('_', ' ')).join(', ')
      outcome = `completed: the token exchange returned ${kinds || 'tokens'}${run.tokens?.scope ? ` with the scopes “${run.tokens.scope}”` : ''}.`
      break
    }
    case 'failed':
    case 'expired':
      outcome = `${run.status === 'expired' ? 'expired' : 'failed'}${failed ? ` at “${failed.title}”` : ''}${first ? `: ${first.title} (${first.code}). ${first.summary}` : '.'}`
      break
    case 'cancelled':
      outcome = 'was cancelled before it finished.'
      break
    default:
      outcome = `was still running (${run.status}) when this bundle was made.`
  }
  const codes = errorCodesOf(record)
  const lines = [
    `${opening} ${outcome}`.replace(/\s+/g, ' ').trim(),
    codes.length ? `Error codes: ${codes.join(', ')}.` : 'No error codes.',
    `Client key: ${clientKeyOf(record)} (client authentication ${profile.clientAuth}; no secret is included).`,
    `Run ${run.id}; ${host.app.name} ${host.app.version}, ${host.app.host === 'web' ? 'web host' : 'desktop app'} on ${host.system.os}.`,
  ]
  return lines.join(' ')
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
