// Stage: bench — one gongwen command as a user runs it, reporting its own peak RSS. Input: argv = the bin's path and
// its arguments; env GONGWEN_BENCH_USAGE = where to write { peakRssMB } when the process exits. It only loads the bin
// (src/bin/gongwen.js) in this process, exactly as `node src/bin/gongwen.js …` would.
import { writeFileSync } from 'node:fs';

const [bin, ...args] = process.argv.slice(2);
process.argv = [process.argv[0] ?? 'node', bin ?? '', ...args];
process.on('exit', () => {
  const file = process.env.GONGWEN_BENCH_USAGE;
  if (file) writeFileSync(file, JSON.stringify({ peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
});
await import(bin ?? '');
