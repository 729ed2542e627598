import type { ProfileIssue } from '../../../../shared/domain/profile'

/** The DOM id of the input for a profile field path (`endpoints.token` → `f-endpoints-token`). */
export const fieldDomId = (field: string): string => `f-${field.replace(/[^A-Za-z0-9_-]+/g, '-')}`

/** Attributes that tie an input to its issues for screen readers and styling. */
export function fieldAttrs(issues: readonly ProfileIssue[], field: string): Record<string, string | undefined> {
  const mine = issues.filter((i) => i.field === field || i.field.startsWith(`${field}.`))
  return {
    id: fieldDomId(field),
    'aria-invalid': mine.some((i) => i.severity === 'error') ? 'true' : undefined,
    'aria-describedby': mine.length > 0 ? `${fieldDomId(field)}-issues` : undefined,
  }
}

/** Focuses the input of a field, or of its closest parent field that has one. */
export function focusField(field: string): void {
  const parts = field.split('.')
  for (let n = parts.length; n > 0; n--) {
    const el = document.getElementById(fieldDomId(parts.slice(0, n).join('.')))
    if (el) {
      el.scrollIntoView({ block: 'center' })
      el.focus()
      return
    }
  }
}
