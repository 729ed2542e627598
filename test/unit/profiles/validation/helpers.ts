import { ProfileDraftSchema, type ProfileDraft, type ProfileDraftInput, type ProfileIssue } from '../../../../shared/domain/profile'
import { validateProfile } from '../../../../main/profiles/validation/validate'

/** A valid standard sandbox profile; each test changes what it is about. */
export function draft(overrides: Partial<ProfileDraftInput> = {}): ProfileDraft {
  return ProfileDraftSchema.parse({
    name: 'Acme',
    environment: 'sandbox',
    issuer: 'https://idp.example.com',
    clientId: 'acme-app',
    clientAuth: 'none',
    scopes: 'openid profile',
    capture: { method: 'loopback', loopbackPort: 8765, loopbackPath: '/callback' },
    ...overrides,
  })
}

export function issues(p: ProfileDraft, secrets: string[] = []): ProfileIssue[] {
  return validateProfile(p, { secretsSet: new Set(secrets) })
}

/** The issue a rule raised on a field, or undefined. */
export function find(p: ProfileDraft, rule: string, field?: string, secrets: string[] = []): ProfileIssue | undefined {
  return issues(p, secrets).find((i) => i.rule === rule && (field === undefined || i.field === field))
}

export const rules = (p: ProfileDraft, secrets: string[] = []): string[] => issues(p, secrets).map((i) => i.rule)
