/**
 * Handlebars' runtime alone (no parser, no compiler), set up as instance.ts says: it renders the built-in templates,
 * precompiled at build time (src/templates/precompiled.generated.ts).
 */
import HandlebarsRuntime from 'handlebars/runtime';
import { configureInstance } from './instance.js';

export const runtime = configureInstance(HandlebarsRuntime.create());
