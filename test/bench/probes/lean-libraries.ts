// Probe: the alternative client with handlebars, yaml, ae-cvss-calculator and date-fns, no @actions/*.
import { probe as cvss } from './cvss.js';
import { probe as dates } from './dates.js';
import { probe as handlebars } from './handlebars.js';
import { probe as octokit } from './octokit-lean.js';
import { probe as yaml } from './yaml.js';
export const probe = [octokit, cvss, dates, handlebars, yaml];
