import cvssCalculator from 'ae-cvss-calculator';
import type { CvssScore, Severity } from './types.js';

export interface CvssPair {
  cvssV3: CvssScore | null;
  cvssV4: CvssScore | null;
}

const V3_PATTERN = /^CVSS:3\.[01]\/AV:[NALP]\/AC:[LH]\/PR:[NLH]\/UI:[NR]\/S:[UC]\/C:[NLH]\/I:[NLH]\/A:[NLH]$/;
const V4_PATTERN =
  /^CVSS:4\.0\/AV:[NALP]\/AC:[LH]\/AT:[NP]\/PR:[NLH]\/UI:[NPA]\/VC:[HLN]\/VI:[HLN]\/VA:[HLN]\/SC:[HLN]\/SI:[HLN]\/SA:[HLN]$/;

function v3Score(vector: string): number | null {
  const calculator = vector.startsWith('CVSS:3.0/')
    ? new cvssCalculator.Cvss3P0(vector)
    : new cvssCalculator.Cvss3P1(vector);
  return calculator.calculateScores().base ?? null;
}

function v4Score(vector: string): number | null {
  return new cvssCalculator.Cvss4P0(vector).calculateScores().base ?? null;
}

/** Null when the vector is not a CVSS 3.x or 4.0 base vector (GitHub answers 422 then). */
export function cvssFromVector(vector: string): CvssPair | null {
  if (V4_PATTERN.test(vector)) return { cvssV3: null, cvssV4: { vector_string: vector, score: v4Score(vector) } };
  if (V3_PATTERN.test(vector)) return { cvssV3: { vector_string: vector, score: v3Score(vector) }, cvssV4: null };
  return null;
}

export function severityFromScore(score: number | null): Severity | null {
  if (score === null) return null;
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return score > 0 ? 'low' : null;
}
