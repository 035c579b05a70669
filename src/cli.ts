/**
 * Stage: command line. Input: argv (+ the World's environment) → a CompileRequest or another command, printed
 * messages and the exit code; no logic of its own beyond parsing and printing (messages to stderr, data to stdout).
 * Every flag has an environment twin (README). Files are read through the World and written only through emit.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { DiagnosticSink, EXIT } from './diag/diagnostic.ts';
import { formatDiagnostics, printableLines } from './diag/format.ts';
import { MAX_SOURCE_DATE_EPOCH, nodeWorld, validSourceDateEpoch, type World } from './world.ts';
import { BuildFailure, Compiler, DEBUG_OUTPUTS, OUTPUT_FORMATS, compileRequest, type CompileRequest, type DebugOutput, type OutputFormat } from './compile/index.ts';
import { EmitError, writeOneFile } from './emit.ts';
import { EDITIONS, type Edition } from './model/types.ts';
import { processConsole, runBuild, type BuildOptions } from './build/index.ts';
import { parseCopiesArg } from './copies/plan.ts';
import { parseRedInk, type RedInk } from './gbt9704/ink.ts';

const HELP = `gongwen — 把报告数据排成 GB/T 9704-2012 公文格式的 PDF、DOCX、繁体版和附件下载包

用法:
  gongwen build [data/report.yaml] [--out out] [--edition all|zh-Hans|zh-Hant] [--variant tw|hk]
                [--quotes corner|curly] [--format pdf,docx,tables,bundle] [--pdfa] [--red #FF0000|cmyk:0,100,100,0] [--font-path DIR]...
                [--system-fonts|--no-system-fonts] [--require-official-fonts] [--embed-fonts|--no-embed-fonts]
                [--allow-missing-glyphs] [--emit model|composed|markup] [--timings] [--strict] [--json]
                [--copies 120|31-60] [--copies-split] [--bundle-copies] [--watermark]
  gongwen build data/ | a.yaml b.yaml …  [--jobs N] [同上参数]      批量：每份报告并行生成到 out/<meta.id>/
  gongwen watch [data/report.yaml] [--out out] [--strict] [--json] [构建参数…]   数据、模板、字体改动后自动重新生成
  gongwen preview [data/report.yaml] [--port 7654] [--host 127.0.0.1] [--open] [构建参数…]   同 watch，并在浏览器中实时预览
  gongwen changes [--since 旧manifest.json|旧数据.yaml] [--format md|pdf|docx] [-o 文件] [--edition zh-Hans|zh-Hant] [--json]
                                                    不带 --since：显示上次构建的变更；带 --since：生成修改说明
  gongwen check [data/report.yaml] [--strict] [--variant tw|hk]     只检查数据，不写输出
  gongwen import <file.txt|file.docx> [-o data/x.yaml] [--title 标题] [--force] [--encoding utf-8|gb18030|big5|utf-16le|utf-16be]
  gongwen fonts [--font-path DIR]... [--system-fonts|--no-system-fonts]
  gongwen schema [-o data/report.schema.json]

示例（在项目目录中，npm run gongwen -- 后接命令；或 node src/bin/gongwen.js）:
  npm run build                                      生成默认报告到 out/<meta.id>/
  npm run gongwen -- build data/                     生成 data/ 中的全部报告，并写 out/index.html 报告列表
  npm run gongwen -- build data/report.yaml --edition zh-Hant
  npm run gongwen -- build --format pdf              只生成 PDF
  npm run gongwen -- build --copies 120              会议份号：120 份编号的印制文件和份号登记表
  npm run gongwen -- import 报告.txt -o data/2022.yaml --title "某镇2022年工作总结"
  npm run gongwen -- preview --open                  打开实时预览，保存数据文件后页面自动更新
  npm run gongwen -- changes --since 旧版/manifest.json --format pdf   为已分发的旧版生成修改说明
  npm run gongwen -- import 报告.docx -o data/2022.yaml        图片存到 data/images/

退出码: 0 成功 · 1 内部错误 · 2 用法错误 · 3 有警告（--strict）· 4 数据无效 · 5 模板错误 · 6 字体/缺字 · 7 输出无法写入 · 8 附件错误
环境变量: GONGWEN_OUT, GONGWEN_EDITION, GONGWEN_VARIANT, GONGWEN_QUOTES, GONGWEN_FORMAT, GONGWEN_PDFA=1, GONGWEN_RED, GONGWEN_FONT_PATH,
          GONGWEN_SYSTEM_FONTS=1, GONGWEN_NO_SYSTEM_FONTS=1, GONGWEN_REQUIRE_OFFICIAL_FONTS=1, GONGWEN_EMBED_FONTS=1,
          GONGWEN_STRICT=1, GONGWEN_HOST, GONGWEN_PORT, GONGWEN_COPIES, GONGWEN_COPIES_SPLIT=1, GONGWEN_BUNDLE_COPIES=1,
          GONGWEN_WATERMARK=1, GONGWEN_DIAGNOSTICS=short, GONGWEN_JOBS, SOURCE_DATE_EPOCH`;

const DEFAULT_DATA = 'data/report.yaml';

/** `--embed-fonts` (every role's face), `--no-embed-fonts` (none), else the stand-ins only (CompileRequest.embedFonts). */
function embedFontsOf(values: Parsed['values'], env: World['env']): CompileRequest['embedFonts'] {
  if (values['embed-fonts'] && values['no-embed-fonts']) throw new UsageError('--embed-fonts 与 --no-embed-fonts 不能同时使用');
  if (values['embed-fonts'] || env['GONGWEN_EMBED_FONTS'] === '1') return true;
  if (values['no-embed-fonts'] || env['GONGWEN_EMBED_FONTS'] === '0') return false;
  return 'substitutes';
}

type Parsed = ReturnType<typeof parse>;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      edition: { type: 'string' },
      variant: { type: 'string' },
      quotes: { type: 'string' },
      format: { type: 'string' },
      'font-path': { type: 'string', multiple: true },
      'no-system-fonts': { type: 'boolean' },
      'system-fonts': { type: 'boolean' },
      'require-official-fonts': { type: 'boolean' },
      'embed-fonts': { type: 'boolean' },
      'no-embed-fonts': { type: 'boolean' },
      pdfa: { type: 'boolean' },
      red: { type: 'string' },
      'allow-missing-glyphs': { type: 'boolean' },
      emit: { type: 'string', multiple: true },
      timings: { type: 'boolean' },
      copies: { type: 'string' },
      'copies-split': { type: 'boolean' },
      'bundle-copies': { type: 'boolean' },
      watermark: { type: 'boolean' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      open: { type: 'boolean' },
      since: { type: 'string' },
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
function requestOf(values: Parsed['values'], dataFile: string, world: World, mode: CompileRequest['mode'], parallel = false): CompileRequest {
  const env = world.env;
  const editionArg = values.edition ?? env['GONGWEN_EDITION'] ?? 'all';
  if (editionArg !== 'all' && !EDITIONS.includes(editionArg as Edition)) throw new UsageError(`--edition 应为 all、zh-Hans 或 zh-Hant（实为 ${editionArg}）`);
  const variant = values.variant ?? env['GONGWEN_VARIANT'] ?? 'tw';
  if (variant !== 'tw' && variant !== 'hk') throw new UsageError(`--variant 应为 tw 或 hk（实为 ${variant}）`);
  const quotes = values.quotes ?? env['GONGWEN_QUOTES'] ?? 'corner';
  if (quotes !== 'corner' && quotes !== 'curly') throw new UsageError(`--quotes 应为 corner（「」『』）或 curly（“”‘’）（实为 ${quotes}）`);
  const formatArg = values.format ?? env['GONGWEN_FORMAT'] ?? OUTPUT_FORMATS.join(',');
  const formats = formatArg.split(',').map((f) => f.trim()).filter(Boolean);
  const unknownFormat = formats.find((f) => !OUTPUT_FORMATS.includes(f as OutputFormat));
  if (unknownFormat !== undefined || formats.length === 0) throw new UsageError(`--format 应为 ${OUTPUT_FORMATS.join('、')} 中的一个或几个，用逗号分开（实为 ${formatArg}）`);
  const debug = values.emit ?? [];
  if (debug.some((e) => !DEBUG_OUTPUTS.includes(e as DebugOutput))) throw new UsageError(`--emit 应为 ${DEBUG_OUTPUTS.join('、')}`);
  const copiesArg = values.copies ?? env['GONGWEN_COPIES'];
  const numbers = copiesArg === undefined || copiesArg === '' ? undefined : parseCopiesArg(copiesArg);
  if (typeof numbers === 'string') throw new UsageError(numbers);
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && epoch !== '' && !validSourceDateEpoch(epoch))
    throw new UsageError(`环境变量 SOURCE_DATE_EPOCH 应为 0 到 ${MAX_SOURCE_DATE_EPOCH} 之间的整数秒（实为 ${epoch}）`);
  const red = redOf(values.red ?? env['GONGWEN_RED'], Boolean(values.pdfa || env['GONGWEN_PDFA'] === '1'));
  const fontPaths = [...(values['font-path'] ?? []), ...(env['GONGWEN_FONT_PATH'] ?? '').split(path.delimiter).filter(Boolean)].map((p) => world.abs(p));
  return compileRequest({
    dataFile,
    editions: editionArg === 'all' ? [...EDITIONS] : [editionArg as Edition],
    variant,
    quotes,
    fonts: fontOptionsOf(values, fontPaths, env),
    requireOfficialFonts: Boolean(values['require-official-fonts'] || env['GONGWEN_REQUIRE_OFFICIAL_FONTS'] === '1'),
    embedFonts: embedFontsOf(values, env),
    pdfa: Boolean(values.pdfa || env['GONGWEN_PDFA'] === '1'),
    ...(red ? { red } : {}),
    allowMissingGlyphs: Boolean(values['allow-missing-glyphs']),
    formats: formats as OutputFormat[],
    debug: debug as DebugOutput[],
    mode,
    parallel,
    copies: {
      ...(numbers ? { numbers } : {}),
      split: Boolean(values['copies-split'] || env['GONGWEN_COPIES_SPLIT'] === '1'),
      bundle: Boolean(values['bundle-copies'] || env['GONGWEN_BUNDLE_COPIES'] === '1'),
      watermark: Boolean(values.watermark || env['GONGWEN_WATERMARK'] === '1'),
    },
    ...(process.stderr.isTTY ? { progress: copyProgressLine() } : {}),
  });
}

/** `--red` (env GONGWEN_RED): the 版头's red; a CMYK red cannot go into a PDF/A with its sRGB output intent. */
function redOf(arg: string | undefined, pdfa: boolean): RedInk | undefined {
  if (arg === undefined || arg === '') return undefined;
  const red = parseRedInk(arg);
  if (typeof red === 'string') throw new UsageError(red);
  if (pdfa && red.space === 'cmyk') throw new UsageError('--pdfa 的 PDF/A 文件用 sRGB 输出意图，不能用 CMYK 红色（--red cmyk:…）；请改用 --red #RRGGBB，或去掉 --pdfa');
  return red;
}

/**
 * Font sources: the official faces from the system folders always (unless --no-system-fonts), other system faces only
 * with --system-fonts; the open stand-ins come from npm, so outputs do not depend on what else the machine has.
 */
function fontOptionsOf(values: Parsed['values'], fontPaths: string[], env: World['env']): CompileRequest['fonts'] {
  const none = Boolean(values['no-system-fonts'] || env['GONGWEN_NO_SYSTEM_FONTS'] === '1');
  const all = Boolean(values['system-fonts'] || env['GONGWEN_SYSTEM_FONTS'] === '1');
  if (none && all) throw new UsageError('--system-fonts 与 --no-system-fonts 不能同时使用');
  return { fontPaths, systemFonts: all, officialSystemFonts: !none };
}

/**
 * The progress line of numbered copies on a terminal (`[份号 37/120] 000037 张三 … 2.1 s`), rewritten in place at
 * most ten times a second; never when stderr is not a TTY (a log file or a pipe gets only the summary).
 */
function copyProgressLine(): NonNullable<CompileRequest['progress']> {
  const started = performance.now();
  let shown = 0;
  return ({ file, done, total, copy }) => {
    const now = performance.now();
    if (done < total && now - shown < 100) return;
    shown = now;
    const who = copy.recipient ? ` ${copy.recipient.name.trim()}` : '';
    const what = file === 'split' ? '单份 PDF' : '印制文件';
    process.stderr.write(`\r\x1b[K[份号 ${done}/${total}] ${copy.number}${who} …（${what}）${((now - started) / 1000).toFixed(1)} s${done === total ? '\n' : ''}`);
  };
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
        if (rest.length > 1 || (rest[0] !== undefined && world.stat(rest[0])?.isDirectory)) return await runMany(values, rest, world);
        return (await runBuild(buildOptionsOf(values, rest[0], world, true), compiler, world)).code;
      }
      case 'watch': {
        const { watchCommand } = await import('./watch/command.ts');
        return await watchCommand({ build: buildOptionsOf(values, rest[0], world), json: Boolean(values.json), until: interrupted() }, compiler, () => nodeWorld(world.root, world.env), processConsole);
      }
      case 'preview': {
        const { previewCommand } = await import('./preview/command.ts');
        const port = Number(values.port ?? world.env['GONGWEN_PORT'] ?? DEFAULT_PREVIEW_PORT);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port 应为 0–65535 的整数（实为 ${values.port}）`);
        const host = values.host ?? world.env['GONGWEN_HOST'] ?? '127.0.0.1';
        return await previewCommand(
          { build: buildOptionsOf(values, rest[0], world), host, port, open: Boolean(values.open), json: Boolean(values.json), until: interrupted() },
          compiler,
          () => nodeWorld(world.root, world.env),
          processConsole,
        );
      }
      case 'changes':
        return await runChanges(values, rest[0], world, compiler);
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

const DEFAULT_PREVIEW_PORT = 7654;

/**
 * The options of `build`, `watch` and `preview`. `oneShot`: a single build, whose second edition may be compiled on
 * the other core (watch and preview keep one compiler across rebuilds instead, and need every edition's layout).
 */
function buildOptionsOf(values: Parsed['values'], dataFile: string | undefined, world: World, oneShot = false): BuildOptions {
  return {
    request: requestOf(values, dataFile ?? DEFAULT_DATA, world, 'build', oneShot),
    outDir: world.abs(values.out ?? world.env['GONGWEN_OUT'] ?? 'out'),
    strict: Boolean(values.strict || world.env['GONGWEN_STRICT'] === '1'),
    json: Boolean(values.json),
    timings: Boolean(values.timings),
  };
}

/**
 * Resolves at the first Ctrl-C (or SIGTERM): watch and preview then let the running build finish writing and end.
 * A second Ctrl-C ends the process at once — still between two writes, since each write is synchronous.
 */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    const first = () => {
      process.once('SIGINT', () => process.exit(130));
      resolve();
    };
    process.once('SIGINT', first);
    process.once('SIGTERM', first);
  });
}

/** `gongwen changes`: the last build's change summary, or a revision note `--since` an old build or data file. */
async function runChanges(values: Parsed['values'], dataFile: string | undefined, world: World, compiler: Compiler): Promise<number> {
  const { changesCommand, NOTE_FORMATS } = await import('./changes/command.ts');
  const format = values.format ?? 'md';
  if (!NOTE_FORMATS.includes(format as never)) throw new UsageError(`changes 的 --format 应为 ${NOTE_FORMATS.join('、')}（实为 ${format}）`);
  const edition = values.edition ?? 'zh-Hans';
  if (!EDITIONS.includes(edition as Edition)) throw new UsageError(`changes 的 --edition 应为 zh-Hans 或 zh-Hant（实为 ${edition}）`);
  // --format and --edition name the note's here; the layout is the build's for that edition.
  const { format: _noteFormat, edition: _noteEdition, ...buildValues } = values;
  const request = requestOf({ ...buildValues, format: 'pdf' }, dataFile ?? DEFAULT_DATA, world, 'build');
  const since = values.since;
  return changesCommand(
    {
      request,
      outDir: world.abs((since === undefined ? values.out : undefined) ?? world.env['GONGWEN_OUT'] ?? 'out'),
      ...(since !== undefined ? { since } : {}),
      format: format as 'md' | 'pdf' | 'docx',
      ...(since !== undefined && values.out !== undefined ? { output: values.out } : {}),
      json: Boolean(values.json),
      edition: edition as Edition,
    },
    compiler,
    world,
    processConsole,
  );
}

/**
 * Writes a message to stderr with every control character escaped (a file name or argument holding an ESC sequence
 * must not drive the user's terminal); line breaks between lines are kept.
 */
function say(text: string): void {
  process.stderr.write(printableLines(text));
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

/** `gongwen build a.yaml b.yaml …` or `gongwen build data/`: every report, in parallel (src/batch/). */
async function runMany(values: Parsed['values'], paths: string[], world: World): Promise<number> {
  const outDir = world.abs(values.out ?? world.env['GONGWEN_OUT'] ?? 'out');
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
    const result = await compiler.compile(request, world, diag);
    for (const line of result.notes) process.stderr.write(`${line}\n`);
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
  if (!input) return usage('import 需要一个文本文件或 Word 文件（.docx）');
  const file = world.rel(input);
  const options = { file, ...(values.title ? { title: values.title } : {}) };
  // A Word file's pictures go to images/ beside the data file (data/images/ when the YAML goes to stdout).
  const dataDir = values.out ? path.dirname(world.abs(values.out)) : world.abs('data');
  const stem = values.out ? path.basename(values.out, path.extname(values.out)) : path.basename(input, path.extname(input));
  let images: { path: string; bytes: Buffer }[] = [];
  let result;
  let source: string | undefined;
  if (/\.docx$/i.test(input)) {
    const { importDocx } = await import('./import/from-docx.ts');
    ({ images, ...result } = importDocx(world.readBytes(input), { ...options, imageStem: stem }));
  } else {
    const { importReport } = await import('./import/index.ts');
    const { readImportText } = await import('./import/read-text.ts');
    const read = readImportText(world, input, values.encoding);
    if ('usage' in read) return usage(read.usage);
    if ('refused' in read) {
      say(`错误[import/encoding]: ${read.refused}\n  提示: ${read.hint}\n`);
      return EXIT.dataInvalid;
    }
    if (read.note) say(`${read.note}\n`);
    source = read.text;
    result = importReport(read.text, options);
  }
  const diag = new DiagnosticSink();
  for (const d of result.diagnostics) diag.push(d);
  if (diag.items.length > 0) say(`${formatDiagnostics(diag.items, (f) => (f === file && source !== undefined ? source : world.source(f)), world.env['GONGWEN_DIAGNOSTICS'] === 'short' ? 'short' : 'human')}\n`);
  if (diag.hasErrors()) return EXIT.dataInvalid;
  if (values.out && world.exists(values.out) && !values.force) return usage(`${values.out} 已存在，未覆盖（加 --force 覆盖）`);
  for (const image of images) {
    const target = path.join(dataDir, image.path);
    if (world.exists(target) && !values.force) return usage(`${world.rel(target)} 已存在，未覆盖（加 --force 覆盖）`);
  }
  for (const image of images) {
    writeOneFile(path.join(dataDir, image.path), image.bytes);
    say(`已保存图片 ${world.rel(path.join(dataDir, image.path))}\n`);
  }
  if (values.out) {
    writeOneFile(world.abs(values.out), Buffer.from(result.yaml));
    say(`已写入 ${values.out}\n`);
  } else process.stdout.write(result.yaml);
  return EXIT.ok;
}
