import type { Cause } from '../../../shared/domain/diagnosis'
import { maskToken } from '../../../shared/mask'
import type { RecordedRequest } from '../../http/exchange'
import type { TokenRule } from '../explain-token-response'
import { cause, header, type KnownKey, type ProfileFacts } from './evidence'

const KEY_HEADER = 'x-client-key'

/** Words in a key that say which environment it was made for. */
function environmentHint(key: string): 'sandbox' | 'production' | undefined {
  if (/(^|[-_.])(sbx|sandbox|test|dev|staging)([-_.]|$)/i.test(key)) return 'sandbox'
  if (/(^|[-_.])(prod|production|live)([-_.]|$)/i.test(key)) return 'production'
  return undefined
}

/**
 * A client key that belongs to another environment or region: the key sent is one another
 * profile holds (confirmed), or its own name says so (likely).
 */
export function clientKeyEnvironmentCause(req: RecordedRequest, profile: ProfileFacts | undefined, others: readonly KnownKey[] = []): Cause | undefined {
  const sent = header(req.headers, KEY_HEADER)
  if (sent === undefined || sent === '' || profile === undefined) return undefined
  const shown = { label: 'x-client-key sent', value: maskToken(sent) }
  const target = { label: 'request went to', value: `${profile.environment}${profile.region ? ` (${profile.region})` : ''} — ${hostOf(req.url)}` }
  const owner = others.find((k) => k.clientKey === sent && (k.environment !== profile.environment || (k.region ?? '') !== (profile.region ?? '')))
  if (owner) {
    const where = `${owner.environment}${owner.region ? ` (${owner.region})` : ''}`
    const region = owner.environment === profile.environment
    return cause(region ? 'client.wrong_region' : 'client.wrong_environment', `The key sent is the ${where} key of the profile “${owner.profileName}”, not a key of ${profile.environment}${profile.region ? ` (${profile.region})` : ''}.`, 'confirmed', [
      shown,
      { label: 'key belongs to', value: `${owner.profileName}: ${where}` },
      target,
    ])
  }
  const hint = environmentHint(sent)
  if (hint !== undefined && (profile.environment === 'sandbox' || profile.environment === 'production') && hint !== profile.environment) {
    return cause('client.wrong_environment', `The key’s own name says ${hint}, but the request went to ${profile.environment}.`, 'likely', [shown, { label: 'key looks like', value: hint }, target])
  }
  return undefined
}

/** A refused request whose key is recognisably another environment's. */
export const clientKeyEnvironmentRule: TokenRule = (response, ev) => {
  const refused =
    (response.kind === 'oauth-error' && ['invalid_client', 'unauthorized_client'].includes(response.error)) ||
    (response.kind === 'gateway-error' && [401, 498].includes(response.status))
  if (!refused) return undefined
  return clientKeyEnvironmentCause(ev.exchange.request, ev.profile, ev.otherKeys)
}

/** No `x-client-key` on a request whose server needs one (the profile says so, or 499 does). */
export function missingClientKeyCause(req: RecordedRequest, needsKey: boolean, status: number | undefined, id = 'client.key_header_missing'): Cause | undefined {
  if (header(req.headers, KEY_HEADER) !== undefined) return undefined
  if (!needsKey && status !== 499) return undefined
  const near = Object.keys(req.headers).find((h) => /client[-_]?key/i.test(h) && h.toLowerCase() !== KEY_HEADER)
  return cause(id, near ? `The request sent \`${near}\`, not \`x-client-key\`.` : 'The request carried no `x-client-key` header.', 'confirmed', [
    { label: 'headers sent', value: Object.keys(req.headers).join(', ') || '(none)' },
    ...(status !== undefined ? [{ label: 'status', value: String(status) }] : []),
  ])
}

export const missingClientKeyRule: TokenRule = (response, ev) => {
  if (response.kind === 'tokens' || response.kind === 'network') return undefined
  return missingClientKeyCause(ev.exchange.request, ev.profile?.needsClientKey === true, response.status)
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
