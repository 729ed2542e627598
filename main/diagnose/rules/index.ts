import type { TokenRule } from '../explain-token-response'
import { clientAuthRule } from './client-auth'
import { clientKeyEnvironmentRule, missingClientKeyRule } from './client-key'
import { codeAgeRule } from './code-age'
import { codeReuseRule } from './code-reuse'
import { pkceRule } from './pkce'
import { redirectUriRule } from './redirect-uri'
import { sessionAgeRule } from './session-age'

/**
 * The rules for a failed token request, most decisive first: one family per module in this
 * folder. Each reads the failing exchange and the run's facts and returns a cause with its
 * evidence, or nothing. Causes are then ranked by likelihood, this order breaking ties.
 */
export const STANDARD_TOKEN_RULES: readonly TokenRule[] = [
  codeReuseRule,
  pkceRule,
  redirectUriRule,
  missingClientKeyRule,
  clientKeyEnvironmentRule,
  clientAuthRule,
  sessionAgeRule,
  codeAgeRule,
]

export { analysePkce, pkceAtAuthorize, pkceRule } from './pkce'
export { compareRedirectUris, redirectUriNotRegistered, redirectUriRule } from './redirect-uri'
export { codeReuseRule } from './code-reuse'
export { codeAgeRule } from './code-age'
export { sessionAgeCause, sessionAgeRule } from './session-age'
export { clientAuthRule, describeClientAuth } from './client-auth'
export { clientKeyEnvironmentCause, clientKeyEnvironmentRule, missingClientKeyCause, missingClientKeyRule } from './client-key'
export { bearerFormatCause, bearerProblem } from './bearer-format'
export { tokenConfusionCause } from './token-confusion'
export { nonJsonCause } from './non-json'
export { networkCause } from './network'
export { serverSaysCause } from './server-says'
export { stateMismatchCause } from './state'
export { refreshCauses } from './refresh'
export { refineCode } from './refine'
