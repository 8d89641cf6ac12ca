/** Engine field → the TRIANGULATE argument it came from, for error messages. */
export const TRIANGULATE_ARGUMENTS: Readonly<Record<string, string>> = {
  startsPerMonth: "baselineStarts",
  baselineCaseload: "mtfsCaseload",
};
