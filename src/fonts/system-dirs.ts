/**
 * Stage: fonts — where operating systems keep fonts. Input: platform + environment → font folders to scan
 * (recursively), per-user folders first so a font the user installed wins over the machine's copy.
 * Pure: it does not check which folders exist (discovery skips missing ones). Sources: fontconfig defaults,
 * Microsoft's per-user font install folder, Apple's font locations including the downloadable-asset folders where
 * macOS keeps 楷体-简 / 仿宋 once downloaded through Font Book.
 */
import path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** The font folders of `platform`, given the environment (HOME, USERPROFILE, WINDIR, LOCALAPPDATA, XDG_*). */
export function systemFontDirs(platform: NodeJS.Platform, env: Env): string[] {
  if (platform === 'win32') return windowsDirs(env);
  if (platform === 'darwin') return macDirs(env);
  return unixDirs(env);
}

function windowsDirs(env: Env): string[] {
  const w = path.win32;
  const dirs: string[] = [];
  const home = env['USERPROFILE'];
  const local = env['LOCALAPPDATA'] ?? (home ? w.join(home, 'AppData', 'Local') : undefined);
  // Fonts installed "for this user only" (Windows 10 1809+) live here, not in %WINDIR%\Fonts.
  if (local) dirs.push(w.join(local, 'Microsoft', 'Windows', 'Fonts'));
  const windir = env['WINDIR'] ?? env['SystemRoot'] ?? env['SYSTEMROOT'] ?? 'C:\\Windows';
  dirs.push(w.join(windir, 'Fonts'));
  return dedupe(dirs);
}

function macDirs(env: Env): string[] {
  const p = path.posix;
  const dirs: string[] = [];
  const home = env['HOME'];
  if (home) dirs.push(p.join(home, 'Library', 'Fonts'));
  dirs.push('/Library/Fonts', '/Network/Library/Fonts', '/System/Library/Fonts');
  // Fonts downloaded on demand (Kaiti SC, STFangsong on recent macOS) sit in versioned asset folders.
  for (const v of [5, 6, 7, 8]) dirs.push(`/System/Library/AssetsV2/com_apple_MobileAsset_Font${v}`);
  return dedupe(dirs);
}

function unixDirs(env: Env): string[] {
  const p = path.posix;
  const dirs: string[] = [];
  const home = env['HOME'];
  const dataHome = env['XDG_DATA_HOME'] ?? (home ? p.join(home, '.local', 'share') : undefined);
  if (dataHome) dirs.push(p.join(dataHome, 'fonts'));
  if (home) dirs.push(p.join(home, '.fonts'));
  dirs.push('/usr/local/share/fonts', '/usr/share/fonts');
  for (const d of (env['XDG_DATA_DIRS'] ?? '').split(':').filter(Boolean)) dirs.push(p.join(d, 'fonts'));
  return dedupe(dirs);
}

function dedupe(dirs: string[]): string[] {
  return [...new Set(dirs)];
}
