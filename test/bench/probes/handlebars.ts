// Probe: handlebars (src/domain/templates.ts).
import Handlebars from 'handlebars';
export const probe = [Handlebars];
