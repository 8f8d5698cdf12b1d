import type { ForkGuidanceData } from '../../templates/fork-guidance.js';
import { renderChosenTemplate } from '../common/template-render.js';
import type { TemplateChoice } from '../common/templates.js';
import type { ForkLinks } from './provision.js';

/** What the guidance says besides the fork's links. */
export type GuidanceData = Pick<ForkGuidanceData, 'ghsaId' | 'repository' | 'testCommand'>;

/** The tracking issue's `fork` section: how to work in the fork, from the guidance template. */
export function renderGuidance(template: TemplateChoice, fork: ForkLinks, data: GuidanceData): string {
  const guidance: ForkGuidanceData = {
    ...data,
    fork: fork.fullName,
    forkUrl: fork.htmlUrl,
    cloneUrl: fork.cloneUrl,
  };
  return renderChosenTemplate(template, guidance);
}
