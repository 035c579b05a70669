/**
 * Stage: command line. Input: argv (+ the World's environment) → a CompileRequest or another command, printed
 * messages and the exit code; no logic of its own beyond parsing and printing (messages to stderr, data to stdout).
 * Every flag has an environment twin (README). Files are read through the World and written only through emit.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { DiagnosticSink, EXIT } from './diag/diagnostic.ts';
import { formatDiagnostics, printable } from './diag/format.ts';
import { MAX_SOURCE_DATE_EPOCH, nodeWorld, elapsedMs, validSourceDateEpoch, type World } from './world.ts';
import { BuildFailure, Compiler, DEBUG_OUTPUTS, OUTPUT_FORMATS, compileRequest, type CompileRequest, type DebugOutput, type OutputFormat } from './compile/index.ts';
import { EmitError, emitOutputs, writeOneFile } from './emit.ts';
import { EDITIONS, type Edition } from './model/types.ts';

const HELP = `gongwen — 把报告数据排成 GB/T 9704-2012 公文格式的 PDF、DOCX、繁体版和附件下载包

用法:
  gongwen build [data/report.yaml] [--out out] [--edition all|zh-Hans|zh-Hant] [--variant tw|hk]
                [--format pdf,docx,tables,bundle] [--font-path DIR]... [--no-system-fonts] [--embed-fonts]
                [--allow-missing-glyphs] [--emit model|composed|markup] [--timings]
  gongwen build data/ | a.yaml b.yaml …  [--jobs N] [同上参数]      批量：每份报告并行生成到 out/<meta.id>/
  gongwen check [data/report.yaml] [--strict] [--variant tw|hk]     只检查数据，不写输出
  gongwen import <file.txt> [-o data/x.yaml] [--title 标题] [--force] [--encoding utf-8|gb18030|big5|utf-16le|utf-16be]
  gongwen fonts [--font-path DIR]... [--no-system-fonts]
  gongwen schema [-o data/report.schema.json]

示例（在项目目录中，npm run gongwen -- 后接命令；或 node src/bin/gongwen.js）:
  npm run build                                      生成默认报告到 out/<meta.id>/
  npm run gongwen -- build data/                     生成 data/ 中的全部报告，并写 out/index.html 报告列表
  npm run gongwen -- build data/report.yaml --edition zh-Hant
  npm run gongwen -- build --format pdf              只生成 PDF
  npm run gongwen -- import 报告.txt -o data/2022.yaml --title "某镇2022年工作总结"

退出码: 0 成功 · 1 内部错误 · 2 用法错误 · 3 有警告（--strict）· 4 数据无效 · 5 模板错误 · 6 字体/缺字 · 7 输出无法写入 · 8 附件错误
环境变量: GONGWEN_OUT, GONGWEN_EDITION, GONGWEN_VARIANT, GONGWEN_FORMAT, GONGWEN_FONT_PATH, GONGWEN_NO_SYSTEM_FONTS=1,
          GONGWEN_EMBED_FONTS=1, GONGWEN_DIAGNOSTICS=short, GONGWEN_JOBS, SOURCE_DATE_EPOCH`;

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
      encoding: { type: 'string' },
      jobs: { type: 'string' },
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
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && epoch !== '' && !validSourceDateEpoch(epoch))
    throw new UsageError(`环境变量 SOURCE_DATE_EPOCH 应为 0 到 ${MAX_SOURCE_DATE_EPOCH} 之间的整数秒（实为 ${epoch}）`);
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
  });
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], world: World = nodeWorld(process.cwd()), compiler: Compiler = new Compiler()): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parse(argv);
  } catch (e) {
    say(`用法错误：${(e as Error).message}\n\n${HELP}\n`);
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
      case 'build': {
        const outDir = world.abs(values.out ?? world.env['GONGWEN_OUT'] ?? 'out');
        if (rest.length > 1 || (rest[0] !== undefined && world.stat(rest[0])?.isDirectory)) return await runMany(values, rest, outDir, world);
        return await runBuild(requestOf(values, rest[0] ?? DEFAULT_DATA, world, 'build'), outDir, world, compiler, Boolean(values.timings));
      }
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
      say(`错误[${e.code}]: ${e.message}\n  提示: ${e.hint}\n输出目录未改动。\n`);
      return EXIT.output;
    }
    throw e;
  }
}

/**
 * Writes a message to stderr with every control character escaped (a file name or argument holding an ESC sequence
 * must not drive the user's terminal); line breaks between lines are kept.
 */
function say(text: string): void {
  process.stderr.write(text.split('\n').map(printable).join('\n'));
}

function usage(message: string): number {
  say(`用法错误：${message}\n运行 gongwen --help 查看用法。\n`);
  return EXIT.usage;
}

function printDiagnostics(items: DiagnosticSink['items'], world: World): void {
  if (items.length === 0) return;
  const style = world.env['GONGWEN_DIAGNOSTICS'] === 'short' ? 'short' : 'human';
  say(`${formatDiagnostics(items, (f) => world.source(f), style)}\n`);
}

async function runBuild(request: CompileRequest, outDir: string, world: World, compiler: Compiler, timings: boolean): Promise<number> {
  const started = performance.now();
  const diag = new DiagnosticSink();
  try {
    const result = await compiler.compile(request, world, diag);
    printDiagnostics(diag.items.filter((d) => d.severity !== 'info'), world);
    for (const line of result.notes) say(`${line}\n`);
    const { changed, removed, recovered } = emitOutputs(outDir, result.outputs, { folder: result.folder, parts: result.parts });
    if (recovered) say(`上次发布被中断，已${recovered === 'completed' ? '完成' : '撤回'}（${path.relative(process.cwd(), outDir) || '.'}）\n`);
    for (const f of result.summary) say(`  ${f.path}  ${formatBytes(f.bytes)}${f.pages ? `  ${f.pages} 页` : ''}\n`);
    if (removed.length > 0) say(`已删除上次生成、本次不再生成的文件：${removed.join('、')}\n`);
    if (timings) say(`用时（毫秒）：${Object.entries(result.timings).map(([k, v]) => `${k} ${v}`).join('，')}\n`);
    say(`完成：${result.outputs.length} 个文件（${changed.length} 个有变化）→ ${path.relative(process.cwd(), path.join(outDir, result.folder)) || '.'}，用时 ${(elapsedMs(started) / 1000).toFixed(2)} 秒\n`);
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof BuildFailure)) throw e;
    printDiagnostics(diag.items, world);
    say(`构建失败：${diag.errorCount} 个错误；输出目录未改动。\n`);
    return e.exitCode;
  }
}

/** `gongwen build a.yaml b.yaml …` or `gongwen build data/`: every report, in parallel (src/batch/). */
async function runMany(values: Parsed['values'], paths: string[], outDir: string, world: World): Promise<number> {
  const jobsArg = values.jobs ?? world.env['GONGWEN_JOBS'];
  const jobs = jobsArg === undefined ? undefined : Number(jobsArg);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) return usage(`--jobs 应为正整数（实为 ${jobsArg}）`);
  const request = requestOf(values, paths[0] ?? DEFAULT_DATA, world, 'build');
  const { runBatch } = await import('./batch/index.ts');
  const result = await runBatch({ paths, request, outDir, world, say, ...(jobs !== undefined ? { jobs } : {}) });
  return result.usage !== undefined ? usage(result.usage) : result.exitCode;
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
  say(code === EXIT.ok ? `检查通过：${diag.warningCount} 个警告\n` : `检查未通过：${diag.errorCount} 个错误，${diag.warningCount} 个警告\n`);
  return code;
}

async function runImport(values: Parsed['values'], input: string | undefined, world: World): Promise<number> {
  if (!input) return usage('import 需要一个文本文件');
  const { importReport } = await import('./import/index.ts');
  const { readImportText } = await import('./import/read-text.ts');
  const read = readImportText(world, input, values.encoding);
  if ('usage' in read) return usage(read.usage);
  if ('refused' in read) {
    say(`错误[import/encoding]: ${read.refused}\n  提示: ${read.hint}\n`);
    return EXIT.dataInvalid;
  }
  if (read.note) say(`${read.note}\n`);
  const file = world.rel(input);
  const result = importReport(read.text, { file, ...(values.title ? { title: values.title } : {}) });
  const diag = new DiagnosticSink();
  for (const d of result.diagnostics) diag.push(d);
  if (diag.items.length > 0) say(`${formatDiagnostics(diag.items, (f) => (f === file ? read.text : world.source(f)), world.env['GONGWEN_DIAGNOSTICS'] === 'short' ? 'short' : 'human')}\n`);
  if (diag.hasErrors()) return EXIT.dataInvalid;
  if (values.out) {
    if (world.exists(values.out) && !values.force) return usage(`${values.out} 已存在，未覆盖（加 --force 覆盖）`);
    writeOneFile(world.abs(values.out), Buffer.from(result.yaml));
    say(`已写入 ${values.out}\n`);
  } else process.stdout.write(result.yaml);
  return EXIT.ok;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`;
}
