/** Joins the truthy class names (a two-line stand-in for clsx, to add no dependency). */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
