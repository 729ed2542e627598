import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Environment, ProfileSummary } from '../../../shared/domain/profile'
import { tester } from '../api/tester'

const ORDER: Environment[] = ['sandbox', 'custom', 'production']

export const useProfilesStore = defineStore('profiles', () => {
  const profiles = ref<ProfileSummary[]>([])
  const selectedId = ref<string | undefined>()
  const loaded = ref(false)
  const error = ref<string | undefined>()

  const selected = computed(() => profiles.value.find((p) => p.id === selectedId.value))
  const grouped = computed(() =>
    ORDER.map((environment) => ({ environment, profiles: profiles.value.filter((p) => p.environment === environment) })).filter(
      (g) => g.profiles.length > 0,
    ),
  )

  async function load(): Promise<void> {
    if (!tester) return
    const result = await tester.listProfiles({})
    loaded.value = true
    if (!result.ok) {
      error.value = result.error.message
      return
    }
    error.value = undefined
    profiles.value = result.value
    if (!profiles.value.some((p) => p.id === selectedId.value)) selectedId.value = profiles.value[0]?.id
  }

  function select(id: string): void {
    selectedId.value = id
  }

  return { profiles, selectedId, selected, grouped, loaded, error, load, select }
})
