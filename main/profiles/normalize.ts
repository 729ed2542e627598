import type { ProfileDraft } from '../../shared/domain/profile'
import { headerKey } from '../../shared/domain/secret-names'

const blank = (v: string | undefined): boolean => v === undefined || v.trim() === ''

/**
 * Tidies a draft before it is validated for saving: trims names and addresses, drops empty
 * optional fields, writes header names in lower case (they are case-insensitive, and the vault
 * keys secret headers by name).
 */
export function normalizeDraft(draft: ProfileDraft): ProfileDraft {
  const p = structuredClone(draft)
  p.name = p.name.trim()
  p.clientId = p.clientId.trim()
  p.scopes = p.scopes.trim()
  if (blank(p.issuer)) delete p.issuer
  else p.issuer = p.issuer?.trim()
  if (blank(p.apiBaseUrl)) delete p.apiBaseUrl
  else p.apiBaseUrl = p.apiBaseUrl?.trim()
  for (const key of Object.keys(p.endpoints) as (keyof ProfileDraft['endpoints'])[]) {
    const value = p.endpoints[key]
    if (blank(value)) delete p.endpoints[key]
    else p.endpoints[key] = value?.trim()
  }
  if (blank(p.capture.redirectUri)) delete p.capture.redirectUri
  else p.capture.redirectUri = p.capture.redirectUri?.trim()
  p.clientHeaders = Object.fromEntries(Object.entries(p.clientHeaders).map(([k, v]) => [headerKey(k), v.trim()]))
  p.secretHeaders = [...new Set(p.secretHeaders.map(headerKey).filter((h) => h !== ''))]
  if (p.testRequest && blank(p.testRequest.url)) delete p.testRequest
  return p
}
