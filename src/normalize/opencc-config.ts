/**
 * Stage: normalise — OpenCC's own configurations. Input: a configuration name → the dictionary chains opencc-js
 * ships for it (normalisation + conversion), shared by the converters and the script checks.
 */
import * as OpenCC from 'opencc-js';

/** A dictionary: OpenCC's "src dst|src dst" text, or [src, dst] pairs. */
export type DictLike = string | readonly (readonly [string, string])[];

export interface PipelineConfig {
  normalizationChain?: readonly (readonly DictLike[])[];
  /** The dictionary (or group) the text is cut into segments by, before conversion (tw2s; s2tw segments on its phrases). */
  segmentation?: DictLike | readonly DictLike[];
  conversionChain: readonly (readonly DictLike[])[];
}

/** OpenCC's upstream configuration (normalisation + conversion chain). */
export function configFor(name: 's2tw' | 's2hk' | 'tw2s'): PipelineConfig {
  const config = (OpenCC.Locale.configs as Record<string, PipelineConfig> | undefined)?.[name];
  if (!config || config.conversionChain.length < 2) throw new Error(`opencc-js: configuration ${name} not found (version changed?)`);
  return config;
}

/** Length in UTF-16 units of the code point at `i`. */
export const codePointLength = (s: string, i: number): number => ((s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);
