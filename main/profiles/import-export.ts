import type { ExportResult, ImportResult } from '../../shared/contract/profile-calls'
import { ProfileDraftSchema, type Profile, type ProfileDraft } from '../../shared/domain/profile'
import { secretFieldsIn, withoutSecretFields } from './secret-fields'
import { secretNamesOf } from '../../shared/domain/secret-names'
import { PROFILE_MIGRATIONS, PROFILES_VERSION } from './storage/profile-migrations'

export const EXPORT_FORMAT = 'oauth-flow-tester/profiles'

/** Keys that, in an imported profile, can only be an attempt to carry a secret along. */
const SECRET_KEYS = /^(client_?secret|secret|password|passwd|x-secret-key|secrets|otp|token|access_?token|refresh_?token)$/i

/**
 * The export file: profiles without ids of this machine's vault and without any secret value.
 * Each profile lists the secrets it needs, so an import can ask for them.
 */
export function exportProfiles(profiles: readonly Profile[], now: number, appVersion: string): ExportResult {
  const day = new Date(now).toISOString().slice(0, 10)
  const doc = {
    format: EXPORT_FORMAT,
    version: PROFILES_VERSION,
    exportedAt: new Date(now).toISOString(),
    app: appVersion,
    note: 'Secrets (client secrets, secret headers, passwords) are never exported. Importing asks for them.',
    profiles: profiles.map((p) => {
      const { id: _id, builtIn: _b, createdAt: _c, updatedAt: _u, ...rest } = withoutSecretFields(structuredClone(p))
      return { ...rest, secretsRequired: secretNamesOf(p) }
    }),
  }
  return { fileName: `oauth-flow-tester-profiles-${day}.json`, json: `${JSON.stringify(doc, null, 2)}\n`, count: profiles.length }
}

export interface ParsedImport {
  drafts: ProfileDraft[]
  skipped: ImportResult['skipped']
  warnings: string[]
}

/**
 * Reads an export file (this version or an older one), a bare list of profiles, or one
 * profile. Anything that looks like a secret is dropped and said; secrets are entered after.
 */
export function parseImport(text: string): ParsedImport | { error: string } {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    return { error: `The file is not JSON (${(error as Error).message}). Choose a file exported by OAuth Flow Tester.` }
  }
  let list: unknown[]
  if (Array.isArray(raw)) list = raw
  else if (raw && typeof raw === 'object' && Array.isArray((raw as { profiles?: unknown }).profiles)) {
    let doc = raw as Record<string, unknown>
    const version = typeof doc.version === 'number' ? doc.version : PROFILES_VERSION
    if (version > PROFILES_VERSION) return { error: `The file was written by a newer version of the app (format ${version}); update the app to import it.` }
    for (let v = version; v < PROFILES_VERSION; v++) doc = PROFILE_MIGRATIONS[v]?.(doc) ?? doc
    list = doc.profiles as unknown[]
  } else if (raw && typeof raw === 'object') list = [raw]
  else return { error: 'The file holds no profiles.' }

  const drafts: ProfileDraft[] = []
  const skipped: ImportResult['skipped'] = []
  const warnings: string[] = []
  list.forEach((item, index) => {
    const name = item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string' ? (item as { name: string }).name : `profile ${index + 1}`
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      skipped.push({ name, reason: 'not a profile object' })
      return
    }
    const dropped = Object.keys(item as object).filter((k) => SECRET_KEYS.test(k))
    const parsed = ProfileDraftSchema.safeParse(item)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      skipped.push({ name, reason: `${issue?.path.join('.') || 'profile'}: ${issue?.message ?? 'does not fit'}` })
      return
    }
    const fields = secretFieldsIn(parsed.data)
    const draft = withoutSecretFields(parsed.data)
    if (dropped.length + fields.length > 0) {
      warnings.push(`“${name}”: ${[...dropped, ...fields].join(', ')} looked secret and was not imported; enter secrets in the profile’s secret fields instead.`)
    }
    if (draft.name.trim() === '') draft.name = name
    // Ids belong to the machine that made them; the importer assigns new ones.
    delete draft.id
    drafts.push(draft)
  })
  return { drafts, skipped, warnings }
}
