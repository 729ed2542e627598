import type { ProfileDraft, ProfileIssue } from '../../../shared/domain/profile'
import { clientAuthRules } from './client-auth-rules'
import { lifetimeRules } from './lifetime-rules'
import { parameterRules } from './parameter-rules'
import { redirectRules } from './redirect-rules'
import { requiredRules } from './required-rules'
import type { Rule, ValidationContext } from './rule'
import { scopeRules } from './scope-rules'
import { urlRules } from './url-rules'
import { vendorRules } from './vendor-rules'

const RULES: Rule[] = [requiredRules, urlRules, redirectRules, clientAuthRules, vendorRules, scopeRules, parameterRules, lifetimeRules]

/**
 * Every rule over one profile, errors first. Run on save and before every run; the editor
 * shows each issue next to its field.
 */
export function validateProfile(profile: ProfileDraft, ctx: ValidationContext): ProfileIssue[] {
  const issues = RULES.flatMap((rule) => rule(profile, ctx))
  const seen = new Set<string>()
  const unique = issues.filter((i) => {
    const key = `${i.rule}|${i.field}|${i.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return [...unique.filter((i) => i.severity === 'error'), ...unique.filter((i) => i.severity === 'warning')]
}

export const hasErrors = (issues: readonly ProfileIssue[]): boolean => issues.some((i) => i.severity === 'error')
