/* global module */
// A Jest transform for @actions/workflow-parser, whose ES modules import their JSON schemas without an import
// attribute (`import schema from "../x.json"`): Jest deprecates that and prints a warning per import. This adds the
// attribute Node and Jest expect (`with { type: "json" }`); nothing else changes. (Jest keys its cache on the source.)
const STATIC_JSON_IMPORT = /(\bimport\s+[\w$]+\s+from\s+(["'])[^"']+\.json\2)(\s*;)/g;

module.exports = {
  process(source) {
    return { code: source.replace(STATIC_JSON_IMPORT, '$1 with { type: "json" }$3') };
  },
};
