/**
 * Stage: command line. Input: argv → options, printed messages and the exit code; no logic of its own beyond
 * parsing and printing (messages to stderr, data to stdout). Every flag has an environment twin (README).
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { DiagnosticSink, EXIT } from './diag/diagnostic.ts';
import { formatDiagnostics } from './diag/format.ts';
import { nodeWorld, elapsedMs, type World } from './world.ts';
import { build, BuildFailure, type BuildOptions } from './build.ts';
import { checkData } from './check.ts';
import { EmitError, emitOutputs } from './emit.ts';
import { EDITIONS, type Edition } from './model/types.ts';
import { reportJsonSchema } from './load/schema.ts';
import { importReport } from './import/index.ts';
import { fontsReport } from './fonts/index.ts';

const HELP = `gongwen — 把报告数据排成 GB/T 9704-2012 公文格式的 PDF、DOCX、繁体版和附件下载包

用法:
  gongwen build [data/report.yaml] [--out out] [--edition all|zh-Hans|zh-Hant] [--variant tw|hk]
                [--font-path DIR]... [--no-system-fonts] [--embed-fonts] [--allow-missing-glyphs]
                [--emit model|markup]
  gongwen check [data/report.yaml] [--strict]     只检查数据，不写输出
  gongwen import <file.txt> [-o data/x.yaml] [--title 标题] [--force]
  gongwen fonts [--font-path DIR]... [--no-system-fonts]
  gongwen schema [-o data/report.schema.json]

示例（在项目目录中，npm run gongwen -- 后接命令；或 node src/bin/gongwen.js）:
  npm run build                                      生成默认报告到 out/
  npm run gongwen -- build data/report.yaml --edition zh-Hant
  npm run gongwen -- import 报告.txt -o data/2022.yaml --title "某镇2022年工作总结"

退出码: 0 成功 · 1 内部错误 · 2 用法错误 · 3 有警告（--strict）· 4 数据无效 · 5 模板错误 · 6 字体/缺字 · 7 输出无法写入 · 8 附件错误
环境变量: GONGWEN_OUT, GONGWEN_EDITION, GONGWEN_VARIANT, GONGWEN_FONT_PATH, GONGWEN_NO_SYSTEM_FONTS=1, GONGWEN_EMBED_FONTS=1, SOURCE_DATE_EPOCH`;

const DEFAULT_DATA = 'data/report.yaml';

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], world: World = nodeWorld(process.cwd())): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        edition: { type: 'string' },
        variant: { type: 'string' },
        'font-path': { type: 'string', multiple: true },
        'no-system-fonts': { type: 'boolean' },
        'embed-fonts': { type: 'boolean' },
        'allow-missing-glyphs': { type: 'boolean' },
        emit: { type: 'string', multiple: true },
        strict: { type: 'boolean' },
        title: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`用法错误：${(e as Error).message}\n\n${HELP}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const env = world.env;
  if (values.help || !command) {
    process.stdout.write(`${HELP}\n`);
    return command || values.help ? EXIT.ok : EXIT.usage;
  }
  const fontPaths = [...(values['font-path'] ?? []), ...(env['GONGWEN_FONT_PATH'] ?? '').split(path.delimiter).filter(Boolean)].map((p) => world.abs(p));
  const fontOptions = { fontPaths, systemFonts: !(values['no-system-fonts'] || env['GONGWEN_NO_SYSTEM_FONTS'] === '1') };

  switch (command) {
    case 'build': {
      const editionArg = values.edition ?? env['GONGWEN_EDITION'] ?? 'all';
      if (editionArg !== 'all' && !EDITIONS.includes(editionArg as Edition)) return usage(`--edition 应为 all、zh-Hans 或 zh-Hant（实为 ${editionArg}）`);
      const variant = values.variant ?? env['GONGWEN_VARIANT'] ?? 'tw';
      if (variant !== 'tw' && variant !== 'hk') return usage(`--variant 应为 tw 或 hk（实为 ${variant}）`);
      const emit = values.emit ?? [];
      if (emit.some((e) => e !== 'model' && e !== 'markup')) return usage('--emit 应为 model 或 markup');
      const opts: BuildOptions = {
        dataFile: rest[0] ?? DEFAULT_DATA,
        editions: editionArg === 'all' ? [...EDITIONS] : [editionArg as Edition],
        variant,
        fonts: fontOptions,
        embedFonts: Boolean(values['embed-fonts'] || env['GONGWEN_EMBED_FONTS'] === '1'),
        allowMissingGlyphs: Boolean(values['allow-missing-glyphs']),
        debug: emit as ('model' | 'markup')[],
      };
      return runBuild(opts, world.abs(values.out ?? env['GONGWEN_OUT'] ?? 'out'), world);
    }
    case 'check': {
      const diag = new DiagnosticSink();
      const code = await checkData({ dataFile: rest[0] ?? DEFAULT_DATA, fonts: fontOptions, strict: Boolean(values.strict) }, world, diag);
      printDiagnostics(diag, world);
      process.stderr.write(code === EXIT.ok ? `检查通过：${diag.warningCount} 个警告\n` : `检查未通过：${diag.errorCount} 个错误，${diag.warningCount} 个警告\n`);
      return code;
    }
    case 'import': {
      const input = rest[0];
      if (!input) return usage('import 需要一个文本文件');
      const text = world.readText(input);
      const result = importReport(text, { file: world.rel(input), ...(values.title ? { title: values.title } : {}) });
      const diag = new DiagnosticSink();
      for (const d of result.diagnostics) diag.push(d);
      printDiagnostics(diag, world);
      if (diag.hasErrors()) return EXIT.dataInvalid;
      if (values.out) {
        if (world.exists(values.out) && !values.force) return usage(`${values.out} 已存在，未覆盖（加 --force 覆盖）`);
        writeFileSync(world.abs(values.out), result.yaml);
        process.stderr.write(`已写入 ${values.out}\n`);
      } else process.stdout.write(result.yaml);
      return EXIT.ok;
    }
    case 'fonts':
      process.stdout.write(`${fontsReport(world, fontOptions)}\n`);
      return EXIT.ok;
    case 'schema': {
      const text = `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
      if (values.out) writeFileSync(world.abs(values.out), text);
      else process.stdout.write(text);
      return EXIT.ok;
    }
    default:
      return usage(`未知命令：${command}`);
  }
}

function usage(message: string): number {
  process.stderr.write(`用法错误：${message}\n运行 gongwen --help 查看用法。\n`);
  return EXIT.usage;
}

function printDiagnostics(diag: DiagnosticSink, world: World): void {
  if (diag.items.length === 0) return;
  const style = process.env['GONGWEN_DIAGNOSTICS'] === 'short' ? 'short' : 'human';
  process.stderr.write(`${formatDiagnostics(diag.items, (f) => world.source(f), style)}\n`);
}

async function runBuild(opts: BuildOptions, outDir: string, world: World): Promise<number> {
  const started = performance.now();
  const diag = new DiagnosticSink();
  try {
    const result = await build(opts, world, diag);
    printDiagnostics(
      Object.assign(new DiagnosticSink(), { items: diag.items.filter((d) => d.severity !== 'info') }),
      world,
    );
    for (const line of result.notes) process.stderr.write(`${line}\n`);
    const { changed, removed } = emitOutputs(outDir, result.outputs);
    for (const f of result.summary) process.stderr.write(`  ${f.path}  ${formatBytes(f.bytes)}${f.pages ? `  ${f.pages} 页` : ''}\n`);
    if (removed.length > 0) process.stderr.write(`已删除上次生成、本次不再生成的文件：${removed.join('、')}\n`);
    process.stderr.write(`完成：${result.outputs.length} 个文件（${changed.length} 个有变化）→ ${path.relative(process.cwd(), outDir) || '.'}，用时 ${(elapsedMs(started) / 1000).toFixed(2)} 秒\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof BuildFailure) {
      printDiagnostics(diag, world);
      process.stderr.write(`构建失败：${diag.errorCount} 个错误；输出目录未改动。\n`);
      return e.exitCode;
    }
    if (e instanceof EmitError) {
      process.stderr.write(`错误[emit/locked]: ${e.message}\n  提示: ${e.hint}\n`);
      return EXIT.output;
    }
    process.stderr.write(`内部错误（这是 gongwen 的缺陷，请报告）：\n${(e as Error).stack ?? String(e)}\n`);
    return EXIT.internal;
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`;
}

const isEntry = process.argv[1] && path.resolve(process.argv[1]).replace(/\.[cm]?[jt]s$/, '') === path.resolve(new URL(import.meta.url).pathname).replace(/\.[cm]?[jt]s$/, '');
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`内部错误（这是 gongwen 的缺陷，请报告）：\n${(e as Error).stack ?? String(e)}\n`);
      process.exit(EXIT.internal);
    },
  );
}
