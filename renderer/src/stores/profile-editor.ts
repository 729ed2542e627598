import { clone } from '../composables/clone'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ImportResult, IssuerReport, PresetSummary, SaveResult, StorageStatus } from '../../../shared/contract/profile-calls'
import type { Environment, ProfileDraft, ProfileIssue, ProfileSummary } from '../../../shared/domain/profile'
import { tester } from '../api/tester'
import { useNoticesStore } from './notices'
import { useProfilesStore } from './profiles'

/** What the content area shows instead of the selected profile's panel. */
export type EditorMode =
  | { kind: 'none' }
  | { kind: 'presets' }
  | { kind: 'edit'; draft: ProfileDraft; isNew: boolean; /** What the last save said. */ message?: string }

/** A profile as an editable draft: the summary minus what only main decides. */
export function toDraft(p: ProfileSummary): ProfileDraft {
  const { secrets: _s, issues: _i, builtIn: _b, ...rest } = clone(p)
  return rest
}

/**
 * Creating, editing, duplicating, deleting, importing and exporting profiles. Secret values
 * typed in the editor live here only until they are sent with the save; main answers with
 * "set" / "not set".
 */
export const useProfileEditorStore = defineStore('profileEditor', () => {
  const notices = useNoticesStore()
  const profiles = useProfilesStore()
  const mode = ref<EditorMode>({ kind: 'none' })
  const presets = ref<PresetSummary[]>([])
  const storage = ref<StorageStatus>()
  const lastImport = ref<ImportResult>()
  const busy = ref(false)

  const editing = computed(() => (mode.value.kind === 'edit' ? mode.value : undefined))

  const failed = (message: string): undefined => {
    notices.push('error', message)
    return undefined
  }

  async function loadStorage(): Promise<void> {
    const r = await tester?.getStorageStatus({})
    if (r?.ok) storage.value = r.value
  }

  async function pickPreset(): Promise<void> {
    if (!tester) return
    if (presets.value.length === 0) {
      const r = await tester.listPresets({})
      if (!r.ok) return void failed(r.error.message)
      presets.value = r.value
    }
    mode.value = { kind: 'presets' }
  }

  async function createFromPreset(presetId: string): Promise<void> {
    if (!tester) return
    const r = await tester.createFromPreset({ presetId })
    if (!r.ok) return void failed(r.error.message)
    mode.value = { kind: 'edit', draft: r.value.draft, isNew: true }
  }

  function edit(profile: ProfileSummary): void {
    mode.value = { kind: 'edit', draft: toDraft(profile), isNew: false }
  }

  function close(): void {
    mode.value = { kind: 'none' }
  }

  async function validate(draft: ProfileDraft, pendingSecrets: string[]): Promise<{ issues: ProfileIssue[] } | { error: string }> {
    if (!tester) return { issues: [] }
    const r = await tester.validateProfile({ profile: draft, pendingSecrets })
    return r.ok ? r.value : { error: r.error.message }
  }

  async function save(draft: ProfileDraft, secrets: Record<string, string>): Promise<SaveResult | { error: string }> {
    if (!tester) return { error: 'No host.' }
    busy.value = true
    try {
      const r = await tester.saveProfile(Object.keys(secrets).length > 0 ? { profile: draft, secrets } : { profile: draft })
      if (!r.ok) return { error: r.error.message }
      if (r.value.saved && r.value.profile) {
        await profiles.load()
        profiles.select(r.value.profile.id)
        mode.value = { kind: 'edit', draft: toDraft(r.value.profile), isNew: false, message: r.value.message }
      }
      return r.value
    } finally {
      busy.value = false
    }
  }

  async function clearSecret(profileId: string, name: string): Promise<void> {
    const r = await tester?.clearSecret({ profileId, name })
    if (r && !r.ok) return void failed(r.error.message)
    await profiles.load()
  }

  async function duplicate(id: string, environment?: Environment): Promise<void> {
    if (!tester) return
    const r = await tester.duplicateProfile(environment !== undefined ? { id, environment } : { id })
    if (!r.ok) return void failed(r.error.message)
    await profiles.load()
    profiles.select(r.value.id)
    const secrets = Object.keys(r.value.secrets)
    notices.push('info', `Created “${r.value.name}”.${secrets.length > 0 ? ' Secrets are not copied: enter them for this profile.' : ''}`)
    edit(r.value)
  }

  async function remove(id: string): Promise<boolean> {
    if (!tester) return false
    const r = await tester.deleteProfile({ id })
    if (!r.ok) return Boolean(failed(r.error.message))
    if (editing.value?.draft.id === id) close()
    await profiles.load()
    return true
  }

  async function exportProfiles(ids?: string[]): Promise<void> {
    if (!tester) return
    const r = await tester.exportProfiles(ids ? { ids } : {})
    if (!r.ok) return void failed(r.error.message)
    if (r.value.count === 0) return void notices.push('info', 'There are no profiles of yours to export yet (built-in ones are not exported).')
    const url = URL.createObjectURL(new Blob([r.value.json], { type: 'application/json' }))
    const a = document.createElement('a')
    a.href = url
    a.download = r.value.fileName
    document.body.append(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    notices.push('info', `Exported ${r.value.count} profile${r.value.count === 1 ? '' : 's'} to ${r.value.fileName}. Secrets are not in the file.`)
  }

  async function importText(json: string): Promise<void> {
    if (!tester) return
    const r = await tester.importProfiles({ json })
    if (!r.ok) return void failed(r.error.message)
    lastImport.value = r.value
    close()
    await profiles.load()
    const first = r.value.imported[0]
    if (first) profiles.select(first.id)
  }

  async function fillFromIssuer(issuer: string, draft: ProfileDraft): Promise<IssuerReport | undefined> {
    if (!tester) return undefined
    const r = await tester.fillFromIssuer({ issuer, profile: draft })
    return r.ok ? r.value : failed(r.error.message)
  }

  return {
    mode,
    editing,
    presets,
    storage,
    lastImport,
    busy,
    loadStorage,
    pickPreset,
    createFromPreset,
    edit,
    close,
    validate,
    save,
    clearSecret,
    duplicate,
    remove,
    exportProfiles,
    importText,
    fillFromIssuer,
  }
})
