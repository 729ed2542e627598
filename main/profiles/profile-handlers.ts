import { randomUUID } from 'node:crypto'
import type { ProfileCallName, SaveResult } from '../../shared/contract/profile-calls'
import { fail, ok, type Result } from '../../shared/contract/result'
import {
  ProfileSchema,
  type Profile,
  type ProfileDraft,
  type ProfileIssue,
  type ProfileSummary,
} from '../../shared/domain/profile'
import type { Clock } from '../clock'
import type { Handlers } from '../contract-dispatch'
import type { HttpClient } from '../http/client'
import { duplicateDraft } from './duplicate'
import { exportProfiles, parseImport } from './import-export'
import { checkIssuer } from './issuer-check'
import { normalizeDraft } from './normalize'
import { PRESETS, findPreset } from './presets/presets'
import { secretNamesOf } from '../../shared/domain/secret-names'
import type { ProfileStorage } from './storage/open-storage'
import { validateProfile } from './validation/validate'

export interface ProfileHandlerDeps {
  storage: ProfileStorage
  http: HttpClient
  clock: Clock
  appVersion: string
  /** Whether a run of this profile is still going; such a profile is not deleted under it. */
  hasActiveRun(profileId: string): boolean
  /** Called after a profile and its secrets are gone (tokens kept for it go too). */
  onDeleted?(profileId: string): void
}

/**
 * Errors that refuse a save outright: the profile could not be stored, or storing it would
 * write a secret into the plain profiles file. Every other error is saved and stops runs only.
 */
const BLOCKS_SAVE = new Set(['required.name', 'params.secret-in-profile', 'auth.secret-in-profile', 'url.credentials'])

type ProfileHandlers = Pick<Handlers, ProfileCallName>

/** "Acme 2": the name is cut, not the number, so it stays within 120 characters and unique. */
const numbered = (name: string, n: number): string => `${name.slice(0, 119 - String(n).length)} ${n}`

export function createProfileHandlers(deps: ProfileHandlerDeps): { handlers: ProfileHandlers; summarize(profile: Profile): ProfileSummary } {
  const { storage, clock } = deps
  const { profiles, vault } = storage

  function summarize(profile: Profile): ProfileSummary {
    const set = vault.names(profile.id)
    const names = [...new Set([...secretNamesOf(profile), ...set])]
    return {
      ...profile,
      secrets: Object.fromEntries(names.map((n) => [n, set.includes(n) ? ('set' as const) : ('not-set' as const)])),
      issues: validateProfile(profile, { secretsSet: new Set(set) }),
    }
  }

  const issuesOf = (draft: ProfileDraft, extra: readonly string[] = []): ProfileIssue[] =>
    validateProfile(normalizeDraft(draft), { secretsSet: new Set([...(draft.id !== undefined ? vault.names(draft.id) : []), ...extra]) })

  /** A name no other profile has: "Acme", "Acme 2", … */
  async function uniqueName(name: string, exceptId?: string): Promise<string> {
    const taken = new Set((await profiles.list()).filter((p) => p.id !== exceptId).map((p) => p.name.toLowerCase()))
    if (!taken.has(name.toLowerCase())) return name
    for (let n = 2; ; n++) if (!taken.has(numbered(name, n).toLowerCase())) return numbered(name, n)
  }

  function toProfile(draft: ProfileDraft, existing: Profile | undefined): Profile {
    const now = clock.now()
    return ProfileSchema.parse({
      ...draft,
      id: existing?.id ?? draft.id ?? randomUUID(),
      builtIn: false,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    })
  }

  function store(draft: ProfileDraft, existing: Profile | undefined): Profile {
    const profile = toProfile(draft, existing)
    profiles.save(profile)
    return profile
  }

  async function editable(id: string): Promise<Result<Profile>> {
    if (await profiles.isReadOnly(id)) return fail('conflict', 'Built-in profiles are read-only. Duplicate it to make your own copy.')
    const found = await profiles.get(id)
    return found ? ok(found) : fail('not-found', `No profile with id "${id}".`)
  }

  const secretAnswer = async (profileId: string) => {
    const profile = await profiles.get(profileId)
    if (!profile) return fail('not-found', `No profile with id "${profileId}".`)
    const summary = summarize(profile)
    return ok({ secrets: summary.secrets, issues: summary.issues })
  }

  const handlers: ProfileHandlers = {
    getProfile: async ({ id }) => {
      const found = await profiles.get(id)
      return found ? ok(summarize(found)) : fail('not-found', `No profile with id "${id}".`)
    },

    validateProfile: async ({ profile, pendingSecrets }) => ok({ issues: issuesOf(profile, pendingSecrets) }),

    saveProfile: async ({ profile: input, secrets = {} }) => {
      let existing: Profile | undefined
      if (input.id !== undefined) {
        const found = await editable(input.id)
        if (!found.ok) return found
        existing = found.value
      }
      const draft = normalizeDraft(input)
      const allowed = secretNamesOf(draft)
      const stray = Object.keys(secrets).filter((name) => !allowed.includes(name))
      if (stray.length > 0) {
        return fail('invalid-input', `${stray.join(', ')} is not a secret this profile uses (it uses: ${allowed.join(', ') || 'none'}).`)
      }
      const issues = issuesOf(draft, Object.keys(secrets))
      const blocking = issues.filter((i) => i.severity === 'error' && BLOCKS_SAVE.has(i.rule))
      if (blocking.length > 0) {
        const answer: SaveResult = { saved: false, issues, message: `Not saved: ${blocking.map((i) => i.message).join(' ')}` }
        return ok(answer)
      }
      const saved = store(draft, existing)
      for (const [name, value] of Object.entries(secrets)) vault.set(saved.id, name, value)
      const summary = summarize(saved)
      const errors = summary.issues.filter((i) => i.severity === 'error').length
      const warnings = summary.issues.length - errors
      const message =
        errors > 0
          ? `Saved. ${errors} problem${errors === 1 ? '' : 's'} must be fixed before it can run.`
          : warnings > 0
            ? `Saved, with ${warnings} warning${warnings === 1 ? '' : 's'}.`
            : 'Saved.'
      return ok({ saved: true, profile: summary, issues: summary.issues, message })
    },

    deleteProfile: async ({ id }) => {
      const found = await editable(id)
      if (!found.ok) return found
      if (deps.hasActiveRun(id)) return fail('conflict', 'A run of this profile is still going. Cancel it (or let it finish), then delete the profile.')
      profiles.remove(id)
      vault.clearProfile(id)
      deps.onDeleted?.(id)
      return ok({ deleted: id })
    },

    duplicateProfile: async ({ id, environment, name }) => {
      const source = await profiles.get(id)
      if (!source) return fail('not-found', `No profile with id "${id}".`)
      const draft = duplicateDraft(source, { ...(environment !== undefined && { environment }), ...(name !== undefined && { name }) })
      draft.name = await uniqueName(draft.name)
      return ok(summarize(store(normalizeDraft(draft), undefined)))
    },

    listPresets: async () => ok(PRESETS.map(({ id, name, group, description, environment }) => ({ id, name, group, description, environment }))),

    createFromPreset: async ({ presetId }) => {
      const preset = findPreset(presetId)
      if (!preset) return fail('not-found', `No preset with id "${presetId}".`)
      const draft = preset.draft()
      draft.name = await uniqueName(draft.name)
      return ok({ draft, issues: issuesOf(draft) })
    },

    setSecret: async ({ profileId, name, value }) => {
      const found = await editable(profileId)
      if (!found.ok) return found
      const allowed = secretNamesOf(found.value)
      if (!allowed.includes(name)) {
        return fail('invalid-input', `“${name}” is not a secret this profile uses (it uses: ${allowed.join(', ') || 'none'}).`)
      }
      vault.set(profileId, name, value)
      return secretAnswer(profileId)
    },

    clearSecret: async ({ profileId, name }) => {
      const found = await editable(profileId)
      if (!found.ok) return found
      vault.clear(profileId, name)
      return secretAnswer(profileId)
    },

    exportProfiles: async ({ ids }) => {
      const all = await profiles.list()
      const chosen = ids === undefined ? all.filter((p) => !p.builtIn) : all.filter((p) => ids.includes(p.id))
      return ok(exportProfiles(chosen, clock.now(), deps.appVersion))
    },

    importProfiles: async ({ json }) => {
      const parsed = parseImport(json)
      // A refused file stores nothing.
      if ('error' in parsed) return fail('invalid-input', parsed.error)
      const taken = new Set((await profiles.list()).map((p) => p.name.toLowerCase()))
      const unique = (name: string): string => {
        let candidate = name
        for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = numbered(name, n)
        taken.add(candidate.toLowerCase())
        return candidate
      }
      const added = parsed.drafts.map((draft) => toProfile(normalizeDraft({ ...draft, name: unique(draft.name.trim() || 'Imported profile') }), undefined))
      // One write for the whole file (a thousand profiles are not a thousand rewrites), so an
      // import is stored whole or, if the disk refuses, not at all.
      profiles.saveAll(added)
      const imported = added.map((saved) => ({ id: saved.id, name: saved.name, secretsToEnter: secretNamesOf(saved) }))
      return ok({ imported, skipped: parsed.skipped, warnings: parsed.warnings })
    },

    fillFromIssuer: async ({ issuer, profile }) => ok(await checkIssuer(deps.http, issuer, profile)),

    getStorageStatus: async () => ok({ location: storage.location, vault: vault.description, notices: [...storage.notices] }),
  }
  return { handlers, summarize }
}
