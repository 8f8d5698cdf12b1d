import type { Route } from './context.js';

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

function matchPattern(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    if (part.startsWith('*')) {
      if (index >= segments.length) return null;
      params[part.slice(1)] = segments.slice(index).map(decodeURIComponent).join('/');
      return params;
    }
    const segment = segments[index];
    if (segment === undefined) return null;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(segment);
    else if (part !== segment) return null;
  }
  return parts.length === segments.length ? params : null;
}

/** Literal segments win over parameters, so `/issues/comments/:id` beats `/issues/:number/...`. */
function specificity(pattern: string): number {
  return pattern.split('/').filter((part) => part && !part.startsWith(':') && !part.startsWith('*')).length;
}

export function createRouter(routes: Route[]) {
  const ordered = [...routes].sort((a, b) => specificity(b.pattern) - specificity(a.pattern));
  return {
    match(method: string, path: string): RouteMatch | 'method-not-allowed' | null {
      const segments = path.split('/').filter(Boolean);
      let pathMatched = false;
      for (const route of ordered) {
        const params = matchPattern(route.pattern, segments);
        if (!params) continue;
        if (route.method === method) return { route, params };
        pathMatched = true;
      }
      return pathMatched ? 'method-not-allowed' : null;
    },
  };
}
