/**
 * Stage: the standard as data — unit conversion. mm → pt → twip → half-point with one rounding rule
 * (Math.round, applied only when a writer needs an integer). Neither backend contains a literal measurement.
 */

/** 1 inch = 25.4 mm = 72 pt = 1440 twip. */
export const PT_PER_MM = 72 / 25.4;
export const TWIP_PER_PT = 20;

export const mmToPt = (mm: number): number => mm * PT_PER_MM;
export const ptToMm = (pt: number): number => pt / PT_PER_MM;
/** Integer twips (DOCX page and paragraph measures). */
export const mmToTwip = (mm: number): number => Math.round(mm * PT_PER_MM * TWIP_PER_PT);
export const ptToTwip = (pt: number): number => Math.round(pt * TWIP_PER_PT);
/** DOCX run sizes are half-points. */
export const ptToHalfPoints = (pt: number): number => Math.round(pt * 2);
