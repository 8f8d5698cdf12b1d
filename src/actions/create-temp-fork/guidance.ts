import { renderChosenTemplate } from '../common/template-render.js';
import type { TemplateChoice } from '../common/templates.js';
import type { ForkLinks } from './provision.js';

export interface GuidanceData {
  readonly ghsaId: string;
  readonly repository: string;
  readonly testCommand: string | null;
}

/** The tracking issue's `fork` section: how to work in the fork, from the guidance template. */
export function renderGuidance(template: TemplateChoice, fork: ForkLinks, data: GuidanceData): string {
  return renderChosenTemplate(template, {
    ...data,
    fork: fork.fullName,
    forkUrl: fork.htmlUrl,
    cloneUrl: fork.cloneUrl,
  });
}
