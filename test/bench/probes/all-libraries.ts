// Probe: every library the actions use, together (shared dependencies loaded once).
import { probe as client } from './client-factory.js';
import { probe as cvss } from './cvss.js';
import { probe as dates } from './dates.js';
import { probe as handlebars } from './handlebars.js';
import { probe as yaml } from './yaml.js';
export const probe = [client, cvss, dates, handlebars, yaml];
