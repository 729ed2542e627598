import { IMPORT_LIMITS, IMPORT_TOO_LARGE, type ExportResult, type ImportResult } from '../../shared/contract/profile-calls'
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

/** How much of a file's own text a message quotes back. */
const NAME_CHARS = 120
const LISTED_FIELDS = 10

/**
 * Reads an export file (this version or an older one), a bare list of profiles, or one
 * profile. Anything that looks like a secret is dropped and said; secrets are entered after.
 * Never throws: a file that is too large (IMPORT_LIMITS), not JSON, of an unknown format
 * version or with too many profiles is refused whole with a message; otherwise each profile is
 * taken or skipped with its reason.
 */
export function parseImport(text: string): ParsedImport | { error: string } {
  // Checked before parsing: a 10 MB file costs nothing.
  if (text.length > IMPORT_LIMITS.maxChars) return { error: IMPORT_TOO_LARGE }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    return { error: `The file is not JSON (${cut((error as Error).message, 160)}). Choose a file exported by OAuth Flow Tester.` }
  }
  let list: unknown[]
  if (Array.isArray(raw)) list = raw
  else if (raw && typeof raw === 'object' && Array.isArray((raw as { profiles?: unknown }).profiles)) {
    let doc = raw as Record<string, unknown>
    const version = doc.version === undefined ? PROFILES_VERSION : doc.version
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      return { error: 'The file’s format version is not one this app knows (it must be a whole number from 1). Choose a file exported by OAuth Flow Tester.' }
    }
    if (version > PROFILES_VERSION) return { error: `The file was written by a newer version of the app (format ${version}); update the app to import it.` }
    for (let v = version; v < PROFILES_VERSION; v++) doc = PROFILE_MIGRATIONS[v]?.(doc) ?? doc
    list = Array.isArray(doc.profiles) ? doc.profiles : []
  } else if (raw && typeof raw === 'object') list = [raw]
  else return { error: 'The file holds no profiles.' }
  if (list.length > IMPORT_LIMITS.maxProfiles) {
    const count = list.length.toLocaleString('en')
    return { error: `The file holds ${count} profiles; one import takes at most ${IMPORT_LIMITS.maxProfiles.toLocaleString('en')}. Split it into smaller exports.` }
  }

  const drafts: ProfileDraft[] = []
  const skipped: ImportResult['skipped'] = []
  const warnings: string[] = []
  list.forEach((item, index) => {
    const given = item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string' ? (item as { name: string }).name : ''
    const name = cut(given.trim() === '' ? `profile ${index + 1}` : given, NAME_CHARS)
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      skipped.push({ name, reason: 'not a profile object' })
      return
    }
    const dropped = Object.keys(item as object).filter((k) => SECRET_KEYS.test(k))
    const parsed = ProfileDraftSchema.safeParse(item)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      skipped.push({ name, reason: cut(`${issue?.path.join('.') || 'profile'}: ${issue?.message ?? 'does not fit'}`, 300) })
      return
    }
    const fields = secretFieldsIn(parsed.data)
    const draft = withoutSecretFields(parsed.data)
    const secretLooking = [...dropped, ...fields]
    if (secretLooking.length > 0) {
      const listed = secretLooking.slice(0, LISTED_FIELDS).map((f) => cut(f, 60))
      const more = secretLooking.length > LISTED_FIELDS ? ` and ${secretLooking.length - LISTED_FIELDS} more` : ''
      warnings.push(`“${name}”: ${listed.join(', ')}${more} looked secret and was not imported; enter secrets in the profile’s secret fields instead.`)
    }
    if (draft.name.trim() === '') draft.name = name
    // Ids belong to the machine that made them; the importer assigns new ones.
    delete draft.id
    drafts.push(draft)
  })
  return { drafts, skipped, warnings }
}

const cut = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s)
