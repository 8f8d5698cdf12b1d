// Probe: ae-cvss-calculator (src/domain/cvss.ts).
import * as cvssModule from 'ae-cvss-calculator';
export const probe = [cvssModule];
