import type { TokenEvidence } from '../diagnose/explain-token-response'
import type { HttpExchange } from '../http/exchange'
import type { Run } from './run'

/** What the explainer may compare after a failed token request of this run. */
export function tokenEvidence(run: Run, exchange: HttpExchange, now: number): TokenEvidence {
  const evidence: TokenEvidence = {
    step: exchange.step,
    exchange,
    now,
    codeLifetimeSeconds: run.profile.lifetimes.codeSeconds,
  }
  if (run.authorizeUrl !== undefined) evidence.authorizeUrl = run.authorizeUrl
  if (run.capture !== undefined) evidence.codeReceivedAt = run.capture.at
  return evidence
}
