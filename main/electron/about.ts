/** The About box's text: what support staff copy into a ticket first. */
export function aboutDetail(version: string, versions: Record<string, string | undefined>, platform: string, arch: string): string {
  const line = (label: string, value: string | undefined): string => (value ? `${label}: ${value}` : '')
  return [
    line('Version', version),
    line('Electron', versions.electron),
    line('Chromium', versions.chrome),
    line('Node.js', versions.node),
    line('V8', versions.v8),
    line('OS', `${platform} ${arch}`),
  ]
    .filter(Boolean)
    .join('\n')
}
