// Electron fuses for packaged builds (@electron/fuses), flipped on the release machine after packaging:
// `npm run package:fuses -- <path to the packaged Electron binary>`. Each fuse turns off a way to make the
// signed app run code it did not ship with. fuses.test.ts pins this map.
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses'

export const VIGIL_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the app binary into a plain Node interpreter.
  [FuseV1Options.RunAsNode]: false,
  // Cookies (none today, but session state later) encrypted with the OS key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect let anyone who can start the app inject code into main.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app loads only from its asar archive, and the archive's integrity is checked.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from vigil://, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const satisfies FuseV1Config

/** `fuses <electron binary>`: flips Vigil's fuses on a packaged binary. */
export async function runFuses(args: readonly string[]): Promise<number> {
  const binary = args[0]
  if (!binary) {
    console.error('usage: npm run package:fuses -- <path to the packaged Electron binary>')
    return 2
  }
  const { flipFuses } = await import('@electron/fuses')
  try {
    await flipFuses(binary, VIGIL_FUSES)
  } catch (err) {
    console.error(
      `cannot flip fuses on ${binary}: ${err instanceof Error ? err.message : String(err)}`,
    )
    return 1
  }
  console.log(`fuses set on ${binary}`)
  return 0
}
