/**
 * The bodies of a page's inline scripts (those without src), for the pages' ES5 checks.
 * @example inlineScripts('<script src="a.js"></script><script>var x = 1;</script>') // ["var x = 1;"]
 */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
}
