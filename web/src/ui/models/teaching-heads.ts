// The heads a teaching model's card names (config.json's "jumok": { "heads": { role: [[layer, head], …] } }), so
// an example opens the head that shows its phenomenon even after the model is retrained.
import { shippedModels, type ShippedModelName } from '../../checkpoint/shipped.js';

export type HeadRole = 'coreference' | 'alignment';

/** The first head listed for the role, 0-based; undefined when the config names none. */
export function headOf(config: Record<string, unknown>, role: HeadRole): { layer: number; head: number } | undefined {
  const heads = (config.jumok as { heads?: Record<string, unknown> } | undefined)?.heads?.[role];
  const first = Array.isArray(heads) ? heads[0] : undefined;
  if (!Array.isArray(first) || !first.every((n) => Number.isInteger(n) && n >= 0)) return undefined;
  return { layer: first[0], head: first[1] };
}

/** Reads a shipped model's config.json for the head of a role. */
export async function shippedHead(model: ShippedModelName, role: HeadRole): Promise<{ layer: number; head: number } | undefined> {
  const response = await fetch(new URL('config.json', shippedModels[model]));
  if (!response.ok) return undefined;
  return headOf(await response.json(), role);
}
