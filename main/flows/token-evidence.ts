import type { TokenEvidence } from '../diagnose/explain-token-response'
import type { HttpExchange } from '../http/exchange'
import type { Run } from './run'

/**
 * What the explainer may compare after a failed token request of this run: the authorization
 * request, the verifier kept since then, the exchanges before this one and the
 * endpoints the server announced. Raw values stay in main; the rules show hashes and lengths.
 */
export function tokenEvidence(run: Run, exchange: HttpExchange, now: number): TokenEvidence {
  const evidence: TokenEvidence = {
    step: exchange.step,
    exchange,
    now,
    codeLifetimeSeconds: run.profile.lifetimes.codeSeconds,
    storedVerifier: run.pkce.verifier,
    earlier: run.exchanges.filter((ex) => ex.id !== exchange.id),
    endpoints: { ...(run.endpoints.authorize !== undefined && { authorize: run.endpoints.authorize }), ...(run.endpoints.token !== undefined && { token: run.endpoints.token }) },
    profile: { name: run.profile.name, environment: run.profile.environment, ...(run.profile.region !== undefined && { region: run.profile.region }), needsClientKey: run.profile.clientAuth === 'headers' },
  }
  if (run.metadata) evidence.tokenAuthMethods = run.metadata.tokenAuthMethods
  if (run.authorizeUrl !== undefined) evidence.authorizeUrl = run.authorizeUrl
  if (run.capture !== undefined) evidence.codeReceivedAt = run.capture.at
  return evidence
}
