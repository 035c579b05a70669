/**
 * Test support: the Debian programs some tests measure with (LibreOffice, MuPDF, Poppler, qpdf, Chromium, 7-Zip, Info-ZIP,
 * Python) or drive the system with (util-linux's script, mount and umount, e2fsprogs' chattr). On a machine without one, the tests that need it are skipped and the file prints ONE line naming the
 * program and the Debian package that brings it; with GONGWEN_REQUIRE_TOOLS=1 (set by .ci/run) a missing program fails
 * the file instead, so CI runs everything.
 *
 * Use: `const { describe, it, beforeAll } = needs('mutool');` — vitest's own functions when the programs are there,
 * their skipping twins (and a beforeAll that does nothing) when one is missing.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { afterAll as vitestAfterAll, beforeAll as vitestBeforeAll, describe as vitestDescribe, it as vitestIt } from 'vitest';

/** Program → the Debian package that installs it (the list .ci/run installs). */
export const TOOL_PACKAGES = {
  soffice: 'libreoffice-writer libreoffice-calc',
  mutool: 'mupdf-tools',
  pdftotext: 'poppler-utils',
  pdffonts: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  pdfimages: 'poppler-utils',
  qpdf: 'qpdf',
  chromium: 'chromium',
  '7z': 'p7zip-full',
  unzip: 'unzip',
  python3: 'python3',
  script: 'bsdutils',
  mount: 'mount',
  umount: 'mount',
  chattr: 'e2fsprogs',
} as const;
export type Tool = keyof typeof TOOL_PACKAGES;

/** Environment variable that turns a missing program into a failure (CI). */
export const REQUIRE_TOOLS_ENV = 'GONGWEN_REQUIRE_TOOLS';

const found = new Map<Tool, boolean>();
const announced = new Set<Tool>();

/** Whether `program` is an executable on PATH. */
export function hasTool(program: Tool): boolean {
  let ok = found.get(program);
  if (ok === undefined) {
    ok = (process.env['PATH'] ?? '').split(path.delimiter).some((dir) => {
      try {
        accessSync(path.join(dir || '.', program), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
    found.set(program, ok);
  }
  return ok;
}

const noop = (): void => undefined;

/** vitest's describe/it/hooks for tests that need `programs`; skipping twins when one is missing. */
export function needs(...programs: Tool[]) {
  const missing = programs.filter((p) => !hasTool(p));
  if (missing.length > 0 && process.env[REQUIRE_TOOLS_ENV] === '1') {
    throw new Error(`${REQUIRE_TOOLS_ENV}=1 but ${missing.map((p) => `${p} (apt-get install ${TOOL_PACKAGES[p]})`).join(', ')} missing`);
  }
  for (const p of missing) {
    if (announced.has(p)) continue;
    announced.add(p);
    console.warn(`skipped: tests that need ${p} — install Debian package ${TOOL_PACKAGES[p]}`);
  }
  const ok = missing.length === 0;
  return {
    ok,
    describe: ok ? vitestDescribe : vitestDescribe.skip,
    it: ok ? vitestIt : vitestIt.skip,
    beforeAll: (ok ? vitestBeforeAll : noop) as typeof vitestBeforeAll,
    afterAll: (ok ? vitestAfterAll : noop) as typeof vitestAfterAll,
  };
}
