// Stage: build tooling — V8's tier-up for a short-lived compiler. Input: the process's V8 flags → the same, with
// TurboFan asked to optimise a function only after about 6 times V8's default profiling budget (--interrupt-budget).
//
// Why (measured on this 2-core machine, per-thread CPU from /proc): a cold `gongwen build` ran ≈ 1.0 s of TurboFan
// compilation on V8's four background threads — as much CPU as the main thread and the edition worker together —
// optimising functions that ran a few times more before the process exited, while competing with both threads for
// the two cores. With the larger budget, only code that stays hot is optimised: a cold full build ≈ 30–40 % less
// wall time and CPU, the 100× document no slower; with TurboFan off entirely (--no-opt), the 100× document was 1.8×
// slower. The flag changes when code is optimised, never what it computes: outputs are byte-identical.
// gongwen.js applies it (on Node 20's V8, where it was measured) before anything is loaded; the benchmark preloads this file (`node -r`) into the
// processes it times. Every thread of the process (the edition worker, batch workers) shares V8's flags.
'use strict';
const v8 = require('node:v8');

/**
 * ≈ 6 × V8 11's default (67,584 bytes of bytecode executed between profiler ticks). Measured, cold full build wall
 * (median of 6, interleaved): default 1.43 s, 250 k 1.16 s, 400 k 0.98 s, 1 M 0.99 s; the 100× document per page
 * within the machine's noise of the default at 400 k, ≈ 5 % slower at 1 M.
 */
const INTERRUPT_BUDGET = 400_000;

/**
 * Measured on V8 11.3 (Node 20), whose tiers are Ignition, Sparkplug and TurboFan. A later V8 tiers up differently
 * (Maglev) and may name the flag otherwise (V8 prints an error for an unknown one), so it keeps its own defaults.
 */
if (process.versions.v8.startsWith('11.')) v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
