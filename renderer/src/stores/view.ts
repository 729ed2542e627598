import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { useProfileEditorStore } from './profile-editor'
import { useProfilesStore } from './profiles'

/** What the main area shows besides a profile: the scenario lab, a past run (read-only) or the comparison. */
export type MainView = { kind: 'profiles' } | { kind: 'lab' } | { kind: 'history-run'; runId: string } | { kind: 'compare' }

export const useViewStore = defineStore('view', () => {
  const view = ref<MainView>({ kind: 'profiles' })
  const profiles = useProfilesStore()
  const editor = useProfileEditorStore()

  const showProfiles = (): void => void (view.value = { kind: 'profiles' })
  const showRun = (runId: string): void => void (view.value = { kind: 'history-run', runId })
  const showCompare = (): void => void (view.value = { kind: 'compare' })
  const showLab = (): void => void (view.value = { kind: 'lab' })

  // Picking a profile or opening the editor brings the profiles back.
  watch(() => profiles.selectedId, showProfiles)
  watch(() => editor.mode.kind, (kind) => kind !== 'none' && showProfiles())

  return { view, showProfiles, showRun, showCompare, showLab }
})
