/**
 * Stage: command line. Input: argv (+ the World's environment) → a CompileRequest or another command, printed
 * messages and the exit code; no logic of its own beyond parsing and printing (messages to stderr, data to stdout).
 * Every flag has an environment twin (README). Files are read through the World and written only through emit.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { DiagnosticSink, EXIT } from './diag/diagnostic.ts';
import { formatDiagnostics } from './diag/format.ts';
import { nodeWorld, elapsedMs, type World } from './world.ts';
import { BuildFailure, Compiler, DEBUG_OUTPUTS, OUTPUT_FORMATS, compileRequest, type CompileRequest, type DebugOutput, type OutputFormat } from './compile/index.ts';
import { EmitError, emitOutputs, writeOneFile } from './emit.ts';
import { EDITIONS, type Edition } from './model/types.ts';

const HELP = `gongwen — 把报告数据排成 GB/T 9704-2012 公文格式的 PDF、DOCX、繁体版和附件下载包

用法:
  gongwen build [data/report.yaml] [--out out] [--edition all|zh-Hans|zh-Hant] [--variant tw|hk]
                [--format pdf,docx,tables,bundle] [--font-path DIR]... [--no-system-fonts] [--embed-fonts]
                [--allow-missing-glyphs] [--emit model|composed|markup] [--timings]
  gongwen check [data/report.yaml] [--strict] [--variant tw|hk]     只检查数据，不写输出
  gongwen import <file.txt|file.docx> [-o data/x.yaml] [--title 标题] [--force]
  gongwen fonts [--font-path DIR]... [--no-system-fonts]
  gongwen schema [-o data/report.schema.json]

示例（在项目目录中，npm run gongwen -- 后接命令；或 node src/bin/gongwen.js）:
  npm run build                                      生成默认报告到 out/
  npm run gongwen -- build data/report.yaml --edition zh-Hant
  npm run gongwen -- build --format pdf              只生成 PDF
  npm run gongwen -- import 报告.txt -o data/2022.yaml --title "某镇2022年工作总结"
  npm run gongwen -- import 报告.docx -o data/2022.yaml        图片存到 data/images/

退出码: 0 成功 · 1 内部错误 · 2 用法错误 · 3 有警告（--strict）· 4 数据无效 · 5 模板错误 · 6 字体/缺字 · 7 输出无法写入 · 8 附件错误
环境变量: GONGWEN_OUT, GONGWEN_EDITION, GONGWEN_VARIANT, GONGWEN_FORMAT, GONGWEN_FONT_PATH, GONGWEN_NO_SYSTEM_FONTS=1,
          GONGWEN_EMBED_FONTS=1, GONGWEN_DIAGNOSTICS=short, SOURCE_DATE_EPOCH`;

const DEFAULT_DATA = 'data/report.yaml';

type Parsed = ReturnType<typeof parse>;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      edition: { type: 'string' },
      variant: { type: 'string' },
      format: { type: 'string' },
      'font-path': { type: 'string', multiple: true },
      'no-system-fonts': { type: 'boolean' },
      'embed-fonts': { type: 'boolean' },
      'allow-missing-glyphs': { type: 'boolean' },
      emit: { type: 'string', multiple: true },
      timings: { type: 'boolean' },
      strict: { type: 'boolean' },
      title: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** Raised while turning flags into a request: a usage error (exit 2). */
class UsageError extends Error {}

/** The CompileRequest of `build` and `check` from flags and their environment twins. */
function requestOf(values: Parsed['values'], dataFile: string, world: World, mode: CompileRequest['mode']): CompileRequest {
  const env = world.env;
  const editionArg = values.edition ?? env['GONGWEN_EDITION'] ?? 'all';
  if (editionArg !== 'all' && !EDITIONS.includes(editionArg as Edition)) throw new UsageError(`--edition 应为 all、zh-Hans 或 zh-Hant（实为 ${editionArg}）`);
  const variant = values.variant ?? env['GONGWEN_VARIANT'] ?? 'tw';
  if (variant !== 'tw' && variant !== 'hk') throw new UsageError(`--variant 应为 tw 或 hk（实为 ${variant}）`);
  const formatArg = values.format ?? env['GONGWEN_FORMAT'] ?? OUTPUT_FORMATS.join(',');
  const formats = formatArg.split(',').map((f) => f.trim()).filter(Boolean);
  const unknownFormat = formats.find((f) => !OUTPUT_FORMATS.includes(f as OutputFormat));
  if (unknownFormat !== undefined || formats.length === 0) throw new UsageError(`--format 应为 ${OUTPUT_FORMATS.join('、')} 中的一个或几个，用逗号分开（实为 ${formatArg}）`);
  const debug = values.emit ?? [];
  if (debug.some((e) => !DEBUG_OUTPUTS.includes(e as DebugOutput))) throw new UsageError(`--emit 应为 ${DEBUG_OUTPUTS.join('、')}`);
  const fontPaths = [...(values['font-path'] ?? []), ...(env['GONGWEN_FONT_PATH'] ?? '').split(path.delimiter).filter(Boolean)].map((p) => world.abs(p));
  return compileRequest({
    dataFile,
    editions: editionArg === 'all' ? [...EDITIONS] : [editionArg as Edition],
    variant,
    fonts: { fontPaths, systemFonts: !(values['no-system-fonts'] || env['GONGWEN_NO_SYSTEM_FONTS'] === '1') },
    embedFonts: Boolean(values['embed-fonts'] || env['GONGWEN_EMBED_FONTS'] === '1'),
    allowMissingGlyphs: Boolean(values['allow-missing-glyphs']),
    formats: formats as OutputFormat[],
    debug: debug as DebugOutput[],
    mode,
    // A one-shot build compiles the second edition on the other core (the compiled command only).
    parallel: mode === 'build',
  });
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], world: World = nodeWorld(process.cwd()), compiler: Compiler = new Compiler()): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parse(argv);
  } catch (e) {
    process.stderr.write(`用法错误：${(e as Error).message}\n\n${HELP}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${HELP}\n`);
    return command || values.help ? EXIT.ok : EXIT.usage;
  }
  try {
    switch (command) {
      case 'build':
        return await runBuild(requestOf(values, rest[0] ?? DEFAULT_DATA, world, 'build'), world.abs(values.out ?? world.env['GONGWEN_OUT'] ?? 'out'), world, compiler, Boolean(values.timings));
      case 'check':
        return await runCheck(requestOf(values, rest[0] ?? DEFAULT_DATA, world, 'check'), Boolean(values.strict), world, compiler);
      case 'import':
        return await runImport(values, rest[0], world);
      case 'fonts': {
        const request = requestOf(values, DEFAULT_DATA, world, 'check');
        const { fontsReport } = await import('./fonts/report.ts');
        process.stdout.write(`${fontsReport(world, request.fonts, compiler.fonts)}\n`);
        return EXIT.ok;
      }
      case 'schema': {
        const { reportJsonSchema } = await import('./load/schema.ts');
        const text = `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
        if (values.out) writeOneFile(world.abs(values.out), Buffer.from(text));
        else process.stdout.write(text);
        return EXIT.ok;
      }
      default:
        return usage(`未知命令：${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    if (e instanceof EmitError) {
      process.stderr.write(`错误[emit/locked]: ${e.message}\n  提示: ${e.hint}\n`);
      return EXIT.output;
    }
    throw e;
  }
}

function usage(message: string): number {
  process.stderr.write(`用法错误：${message}\n运行 gongwen --help 查看用法。\n`);
  return EXIT.usage;
}

function printDiagnostics(items: DiagnosticSink['items'], world: World): void {
  if (items.length === 0) return;
  const style = world.env['GONGWEN_DIAGNOSTICS'] === 'short' ? 'short' : 'human';
  process.stderr.write(`${formatDiagnostics(items, (f) => world.source(f), style)}\n`);
}

async function runBuild(request: CompileRequest, outDir: string, world: World, compiler: Compiler, timings: boolean): Promise<number> {
  const started = performance.now();
  const diag = new DiagnosticSink();
  try {
    const result = await compiler.compile(request, world, diag);
    printDiagnostics(diag.items.filter((d) => d.severity !== 'info'), world);
    for (const line of result.notes) process.stderr.write(`${line}\n`);
    const { changed, removed } = emitOutputs(outDir, result.outputs, { cleanUp: request.formats.includes('bundle') });
    for (const f of result.summary) process.stderr.write(`  ${f.path}  ${formatBytes(f.bytes)}${f.pages ? `  ${f.pages} 页` : ''}\n`);
    if (removed.length > 0) process.stderr.write(`已删除上次生成、本次不再生成的文件：${removed.join('、')}\n`);
    if (timings) process.stderr.write(`用时（毫秒）：${Object.entries(result.timings).map(([k, v]) => `${k} ${v}`).join('，')}\n`);
    process.stderr.write(`完成：${result.outputs.length} 个文件（${changed.length} 个有变化）→ ${path.relative(process.cwd(), outDir) || '.'}，用时 ${(elapsedMs(started) / 1000).toFixed(2)} 秒\n`);
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof BuildFailure)) throw e;
    printDiagnostics(diag.items, world);
    process.stderr.write(`构建失败：${diag.errorCount} 个错误；输出目录未改动。\n`);
    return e.exitCode;
  }
}

/** `gongwen check`: the build's compilation without writing; warnings fail it under --strict. */
async function runCheck(request: CompileRequest, strict: boolean, world: World, compiler: Compiler): Promise<number> {
  const diag = new DiagnosticSink();
  let code: number = EXIT.ok;
  try {
    await compiler.compile(request, world, diag);
    if (strict && diag.warningCount > 0) code = EXIT.warningsStrict;
  } catch (e) {
    if (!(e instanceof BuildFailure)) throw e;
    code = e.exitCode;
  }
  printDiagnostics(diag.items, world);
  process.stderr.write(code === EXIT.ok ? `检查通过：${diag.warningCount} 个警告\n` : `检查未通过：${diag.errorCount} 个错误，${diag.warningCount} 个警告\n`);
  return code;
}

async function runImport(values: Parsed['values'], input: string | undefined, world: World): Promise<number> {
  if (!input) return usage('import 需要一个文本文件或 Word 文件（.docx）');
  const options = { file: world.rel(input), ...(values.title ? { title: values.title } : {}) };
  // A Word file's pictures go to images/ beside the data file (data/images/ when the YAML goes to stdout).
  const dataDir = values.out ? path.dirname(world.abs(values.out)) : world.abs('data');
  const stem = values.out ? path.basename(values.out, path.extname(values.out)) : path.basename(input, path.extname(input));
  let images: { path: string; bytes: Buffer }[] = [];
  let result;
  if (/\.docx$/i.test(input)) {
    const { importDocx } = await import('./import/from-docx.ts');
    ({ images, ...result } = importDocx(world.readBytes(input), { ...options, imageStem: stem }));
  } else {
    const { importReport } = await import('./import/index.ts');
    result = importReport(world.readText(input), options);
  }
  const diag = new DiagnosticSink();
  for (const d of result.diagnostics) diag.push(d);
  printDiagnostics(diag.items, world);
  if (diag.hasErrors()) return EXIT.dataInvalid;
  if (values.out && world.exists(values.out) && !values.force) return usage(`${values.out} 已存在，未覆盖（加 --force 覆盖）`);
  for (const image of images) {
    const target = path.join(dataDir, image.path);
    if (world.exists(target) && !values.force) return usage(`${world.rel(target)} 已存在，未覆盖（加 --force 覆盖）`);
  }
  for (const image of images) {
    writeOneFile(path.join(dataDir, image.path), image.bytes);
    process.stderr.write(`已保存图片 ${world.rel(path.join(dataDir, image.path))}\n`);
  }
  if (values.out) {
    writeOneFile(world.abs(values.out), Buffer.from(result.yaml));
    process.stderr.write(`已写入 ${values.out}\n`);
  } else process.stdout.write(result.yaml);
  return EXIT.ok;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`;
}
