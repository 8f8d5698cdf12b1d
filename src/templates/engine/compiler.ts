/**
 * The full Handlebars (parser and compiler), set up as instance.ts says: loaded only for a project's own template
 * (and by the build's precompilation of ours), never to render a built-in template.
 */
import Handlebars from 'handlebars';
import { configureInstance } from './instance.js';

export const handlebars = configureInstance(Handlebars.create());
