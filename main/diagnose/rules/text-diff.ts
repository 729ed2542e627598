/**
 * Where two strings first differ, in words: "same up to character 42, then “/” vs the end".
 * With `reveal` off (secret values) only the position is told.
 */
export function firstDifference(expected: string, actual: string, reveal = true): string {
  const n = Math.min(expected.length, actual.length)
  let i = 0
  while (i < n && expected[i] === actual[i]) i++
  if (i === expected.length && i === actual.length) return 'identical'
  if (!reveal) return `first difference at character ${i + 1}`
  const show = (s: string): string => (i < s.length ? `“${s[i]}”` : 'the end')
  return `same up to character ${i}, then ${show(expected)} vs ${show(actual)}`
}
