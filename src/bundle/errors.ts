/**
 * Stage: bundle — the one error type of the bundle stage. Input: problems with output names found while packing
 * → a BundleError carrying ready-made diagnostics, which build.ts pushes into its DiagnosticSink.
 *
 * Names come from user data (report id, attachment titles), so these are user errors with Chinese messages;
 * a span is attached when the caller gave the file an `origin`.
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import type { Span } from '../model/types.ts';

/** Thrown by writeZip/packBundle when output names are unsafe or collide; `diagnostics` holds every problem found. */
export class BundleError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
    this.name = 'BundleError';
  }
}

/** An unsafe or non-sanitised output name (`bundle/unsafe-name`). */
export function unsafeNameDiagnostic(path: string, reason: string, span?: Span): Diagnostic {
  return {
    severity: 'error',
    code: 'bundle/unsafe-name',
    message: `输出文件名“${path}”不安全：${reason}`,
    hints: ['输出文件名须先经 sanitizeFileName 处理；如来自附件名称，请修改数据中的附件名称'],
    ...(span ? { span } : {}),
  };
}

/** Two outputs whose names are equal after sanitising, or differ only in letter case (`bundle/duplicate-name`). */
export function duplicateNameDiagnostic(path: string, other: string, span?: Span): Diagnostic {
  return {
    severity: 'error',
    code: 'bundle/duplicate-name',
    message:
      path === other
        ? `输出文件名“${path}”重复，后一个文件会覆盖前一个`
        : `输出文件名“${path}”与“${other}”在 Windows/macOS 上是同一个文件（仅大小写或 Unicode 形式不同）`,
    hints: ['请让各附件名称互不相同'],
    ...(span ? { span } : {}),
  };
}
