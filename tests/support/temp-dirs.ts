/**
 * Test support: temporary folders that are removed after the test file's tests (call from a test file's top level).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll } from 'vitest';

/** Returns a `tempDir(prefix)` function whose folders are removed when the calling file's tests end. */
export function useTempDirs(): (prefix: string) => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(prefix);
    dirs.push(dir);
    return dir;
  };
}
