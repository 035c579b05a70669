/**
 * Stage: emit — the ledger. Input: out/.gongwen/ledger.json → which files gongwen published in each report folder,
 * and for what part of a build (an edition's PDF, DOCX or tables, the bundle, debug files); output: the same record
 * after a publish. Cleanup removes only files listed here, and only those of the parts the current build makes, so a
 * `--edition zh-Hans` build leaves the zh-Hant files alone and a second report never touches the first one's folder.
 * It is the union of what the manifests of past builds listed, kept per part; a folder published before the ledger
 * existed is seeded from its manifest.json (those files belong to the part `*`: only a full build removes them).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A report folder ('' = the output folder itself) → its published files (relative path → part). */
export interface Ledger {
  version: 1;
  folders: Record<string, Record<string, string>>;
}

export const LEDGER_FILE = 'ledger.json';
/** The part of files whose part is unknown (seeded from an old manifest). */
export const ANY_PART = '*';

/** The ledger of a state folder; an absent or damaged one is empty (then nothing is removed). */
export function readLedger(stateDir: string): Ledger {
  try {
    const parsed = JSON.parse(readFileSync(path.join(stateDir, LEDGER_FILE), 'utf8')) as Partial<Ledger>;
    if (parsed.version !== 1 || typeof parsed.folders !== 'object' || parsed.folders === null) return { version: 1, folders: {} };
    const folders: Ledger['folders'] = {};
    for (const [folder, files] of Object.entries(parsed.folders)) {
      if (typeof files !== 'object' || files === null) continue;
      folders[folder] = Object.fromEntries(Object.entries(files).filter(([, part]) => typeof part === 'string'));
    }
    return { version: 1, folders };
  } catch {
    return { version: 1, folders: {} };
  }
}

/**
 * Files a gongwen manifest.json in `folderDir` lists (what an older gongwen, without a ledger, published there), with
 * the manifest itself; [] when there is none or it is not gongwen's.
 */
export function manifestListing(folderDir: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(path.join(folderDir, 'manifest.json'), 'utf8')) as { generator?: { name?: string }; files?: { path?: unknown }[] };
    if (manifest.generator?.name !== 'gongwen' || !Array.isArray(manifest.files)) return [];
    const listed = manifest.files.map((f) => f.path).filter((p): p is string => typeof p === 'string');
    return [...listed, 'manifest.json', 'SHA256SUMS'];
  } catch {
    return [];
  }
}

/** Stable JSON text of a ledger (folders and files sorted). */
export function ledgerText(ledger: Ledger): string {
  const folders = Object.fromEntries(
    Object.keys(ledger.folders)
      .sort()
      .map((f) => [f, Object.fromEntries(Object.entries(ledger.folders[f] ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))]),
  );
  return `${JSON.stringify({ version: 1, folders }, null, 2)}\n`;
}
