import type { ProfileDraft, ProfileIssue } from '../../../shared/domain/profile'

/** What validation knows beyond the profile itself. */
export interface ValidationContext {
  /** Vault names of the secrets that are set (or typed and about to be saved). */
  secretsSet: ReadonlySet<string>
}

/** A rule group: looks at one concern of a profile and says what to change. */
export type Rule = (profile: ProfileDraft, ctx: ValidationContext) => ProfileIssue[]

export const error = (rule: string, field: string, message: string): ProfileIssue => ({ rule, severity: 'error', field, message })
export const warning = (rule: string, field: string, message: string): ProfileIssue => ({ rule, severity: 'warning', field, message })

export const isVendorFlow = (p: Pick<ProfileDraft, 'flow'>): boolean => p.flow === 'vendor-hosted' || p.flow === 'vendor-api'

export const filled = (value: string | undefined): value is string => value !== undefined && value.trim() !== ''
