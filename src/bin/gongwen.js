#!/usr/bin/env node
// Stage: entry point. Registers the TypeScript loader (tsx) and hands argv to src/cli.ts; nothing else.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli.ts');
process.exitCode = await main(process.argv.slice(2));
