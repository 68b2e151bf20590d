// @ts-nocheck
// VLAN naming rules (pure), shared by the engine and the supervisor file checks.

/** A trunk name: 1-12 lowercase letters, digits and "-" (it becomes part of 15-character interface names). */
export const TRUNK_NAME = /^[a-z0-9][a-z0-9-]{0,11}$/;
