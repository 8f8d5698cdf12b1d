// Probe: handlebars (src/templates/engine.ts).
import Handlebars from 'handlebars';
export const probe = [Handlebars];
