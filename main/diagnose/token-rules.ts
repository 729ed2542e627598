import type { TokenRule } from './explain-token-response'
import { codeAgeRule } from './rules/code-age'
import { pkceRule } from './rules/pkce'
import { redirectUriRule } from './rules/redirect-uri'
import { STANDARD_TOKEN_RULES } from './rules'

/**
 * The token rules under their first names, for the code that imports them from here. The rules
 * themselves live in `rules/`, one family per module.
 */
export const pkceMismatch: TokenRule = pkceRule
export const redirectUriMismatch: TokenRule = redirectUriRule
export const codeExpired: TokenRule = codeAgeRule

export const TOKEN_RULES: readonly TokenRule[] = STANDARD_TOKEN_RULES
