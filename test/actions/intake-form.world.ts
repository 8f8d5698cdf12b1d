import { INTAKE_FORM_LABELS } from '../../src/domain/intake-form.js';
import { SENTINELS } from '../harness/leaks.js';

export type FormFields = Partial<Record<keyof typeof INTAKE_FORM_LABELS, string>>;

/** The body GitHub renders for the shipped issue form; the contact and the report carry embargo sentinels. */
export function formBody(fields: FormFields = {}): string {
  const values = {
    receivedAt: '2026-01-05 09:30',
    channel: 'E-mail',
    repository: 'sample-org/sample-project',
    packages: 'pip: sample-project',
    credit: '_No response_',
    ...fields,
  };
  const keys = Object.keys(INTAKE_FORM_LABELS) as (keyof typeof INTAKE_FORM_LABELS)[];
  const answers = keys.map((key) => `### ${INTAKE_FORM_LABELS[key]}\n\n${values[key]}`);
  return [
    ...answers,
    `### Reporter's contact\n\n${SENTINELS.reporterEmail}`,
    `### Report\n\n${SENTINELS.description}\n\n${SENTINELS.reproduction}`,
  ].join('\n\n');
}
