// The heads a teaching model's card names (config.json's "jumok": { "heads": { role: [[layer, head], …] } }), so
// an example, a link or an element opens the head that shows its phenomenon even after the model is retrained.

/** The first head listed for the role, 0-based; undefined when the config names none. */
export function headOf(config: Readonly<Record<string, unknown>>, role: string): { layer: number; head: number } | undefined {
  const heads = (config.jumok as { heads?: Record<string, unknown> } | undefined)?.heads?.[role];
  const first = Array.isArray(heads) ? heads[0] : undefined;
  if (!Array.isArray(first) || first.length !== 2 || !first.every((n) => Number.isInteger(n) && n >= 0)) return undefined;
  return { layer: first[0], head: first[1] };
}

/** The roles a config names heads for (for the notice when a role is not among them). */
export function headRoles(config: Readonly<Record<string, unknown>>): string[] {
  const heads = (config.jumok as { heads?: Record<string, unknown> } | undefined)?.heads;
  return heads && typeof heads === 'object' ? Object.keys(heads) : [];
}
