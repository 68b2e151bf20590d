// VLAN naming rules (pure), shared by the engine and the supervisor file checks.

/** A trunk name: 1-12 lowercase letters, digits and "-" (it becomes part of 15-character interface names). */
export const TRUNK_NAME = /^[a-z0-9][a-z0-9-]{0,11}$/;

/** Why a VLAN id or trunk name is unusable, or undefined. */
export function vlanProblem(vlan: number, trunk: string): string | undefined {
  if (!Number.isInteger(vlan) || vlan < 1 || vlan > 4094) return `--vlan=${vlan}: a VLAN id is from 1 to 4094`;
  if (!TRUNK_NAME.test(trunk)) return `--trunk=${trunk}: a trunk name is 1-12 lowercase letters, digits and "-"`;
  return undefined;
}
