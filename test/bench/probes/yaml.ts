// Probe: yaml (policy files, vulnerabilities input).
import { parse as parseYaml } from 'yaml';
export const probe = [parseYaml];
