/**
 * Stage: entry point. Input: process.argv → the exit code of src/cli.ts `main`; an unexpected rejection (a bug in
 * gongwen) is printed with its stack and exit code 1. Nothing else happens here.
 */
import { EXIT } from './diag/diagnostic.ts';
import { main } from './cli.ts';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`内部错误（这是 gongwen 的缺陷，请报告）：\n${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = EXIT.internal;
  },
);
