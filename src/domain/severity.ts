/**
 * CVSS's qualitative severity. Apart from cvss.ts, which loads the CVSS calculator: reading a severity from a score
 * (the sweep's metrics) should not load it.
 */
export type CvssSeverity = 'none' | 'low' | 'medium' | 'high' | 'critical';

/** FIRST's qualitative rating scale (CVSS 3.1 §5, 4.0 §6): 0.0 none, 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high, 9.0-10.0 critical. */
export function severityFromScore(score: number): CvssSeverity {
  if (!Number.isFinite(score) || score < 0 || score > 10) {
    throw new RangeError(`CVSS score must be between 0.0 and 10.0, got ${score}`);
  }
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}
