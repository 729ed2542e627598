import type { ComparisonRow } from '../../shared/domain/comparison'
import type { RunRecord } from '../history/run-record'
import { keyedRows, list, row, seconds, sortedWords } from './rows'

type Side = Pick<RunRecord, 'run' | 'profile' | 'resolved'>

/** Where each run went and how it was set up: environment, server, endpoints, client, scopes, lifetimes. */
export function configurationRows(l: Side, r: Side): ComparisonRow[] {
  const lp = l.profile
  const rp = r.profile
  const server = (s: Side): string =>
    s.profile.embedded !== undefined ? `embedded ${s.profile.embedded} (127.0.0.1)` : (s.profile.issuer ?? s.profile.apiBaseUrl ?? 'endpoints typed in the profile')
  const session = (s: Side): number | undefined => {
    const d = s.run.deadlines.find((x) => x.kind === 'session')
    return d ? (d.expiresAt - d.startsAt) / 1000 : s.profile.lifetimes.sessionSeconds
  }
  const test = (s: Side): string | undefined => (s.profile.testRequest ? `${s.profile.testRequest.method} ${s.profile.testRequest.url}` : undefined)
  const facts = (s: Side) => s.resolved.server
  return [
    row('Environment', lp.environment, rp.environment),
    row('Flow', lp.flow, rp.flow),
    row('Region', lp.region, rp.region),
    row('Server', server(l), server(r)),
    row('Issuer', l.resolved.issuer, r.resolved.issuer),
    ...keyedRows('Endpoint: ', l.resolved.endpoints, r.resolved.endpoints),
    row('Client id', lp.clientId, rp.clientId),
    row('Client authentication', lp.clientAuth, rp.clientAuth),
    ...keyedRows('Secret: ', lp.secrets, rp.secrets),
    ...keyedRows('Client header: ', lp.clientHeaders, rp.clientHeaders),
    row('Secret headers', list(lp.secretHeaders), list(rp.secretHeaders)),
    row('Scopes requested', sortedWords(lp.scopes), sortedWords(rp.scopes)),
    row('Way back', l.run.captureMethod, r.run.captureMethod),
    row('Redirect URI', l.resolved.redirectUri ?? l.run.redirectUri, r.resolved.redirectUri ?? r.run.redirectUri),
    row('Session length', seconds(session(l)), seconds(session(r))),
    row('Code lifetime (profile)', seconds(lp.lifetimes.codeSeconds), seconds(rp.lifetimes.codeSeconds)),
    row('Refresh token lifetime when unsaid (profile)', `${lp.lifetimes.refreshTokenDays} d`, `${rp.lifetimes.refreshTokenDays} d`),
    ...keyedRows('Authorize parameter: ', lp.extraAuthorizeParams, rp.extraAuthorizeParams),
    ...keyedRows('Token parameter: ', lp.extraTokenParams, rp.extraTokenParams),
    ...keyedRows('Extra header: ', lp.extraHeaders, rp.extraHeaders),
    row('Test request', test(l), test(r)),
    row('Server: PKCE methods', list(facts(l)?.codeChallengeMethods), list(facts(r)?.codeChallengeMethods)),
    row('Server: client authentication methods', list(facts(l)?.tokenAuthMethods), list(facts(r)?.tokenAuthMethods)),
    row('Server: grant types', list(facts(l)?.grantTypes), list(facts(r)?.grantTypes)),
    row('Server: ID token algorithms', list(facts(l)?.idTokenSigningAlgs), list(facts(r)?.idTokenSigningAlgs)),
    row('Server: iss in the redirect (RFC 9207)', yesNo(facts(l)?.issParameter), yesNo(facts(r)?.issParameter)),
  ].filter((x) => x.left !== undefined || x.right !== undefined)
}

const yesNo = (value: boolean | undefined): string | undefined => (value === undefined ? undefined : value ? 'yes' : 'no')
