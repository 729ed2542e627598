/**
 * Saves text the way both hosts handle: a blob behind `<a download>` (the browser's download,
 * or the desktop app's save dialog). The text is saved as given, so a preview of it is exactly
 * what leaves.
 */
export function saveText(fileName: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
