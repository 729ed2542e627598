import type { Cause } from '../../../shared/domain/diagnosis'
import type { TokenRule } from '../explain-token-response'
import { cause, iso, seconds } from './evidence'

/** How old the authorization session was at `at`, when that is past its length. */
export function sessionAgeCause(session: { startedAt: number; seconds: number }, at: number, what = 'the redirect arrived'): Cause | undefined {
  const age = at - session.startedAt
  if (age < session.seconds * 1000) return undefined
  return cause('session.slow_login', `The session had run out when ${what}: ${seconds(age)} after it started, it lasts ${session.seconds} s.`, 'confirmed', [
    { label: 'session started', value: iso(session.startedAt) },
    { label: 'session length', value: `${session.seconds} s` },
    { label: `${what} at`, value: iso(at) },
    { label: 'session age', value: seconds(age) },
  ])
}

/** A refusal at a step that needs the session (the vendor's authorize and token steps). */
export const sessionAgeRule: TokenRule = (response, ev) => {
  if (ev.session === undefined) return undefined
  if (response.kind !== 'oauth-error' && response.kind !== 'gateway-error') return undefined
  return sessionAgeCause(ev.session, ev.exchange.startedAt, 'the request was sent')
}
