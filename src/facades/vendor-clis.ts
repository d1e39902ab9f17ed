/**
 * Each registered vendor's command-line hooks (`<vendor>/cli.ts`), by name. Typed over every
 * name in `vendors.ts`, so a vendor registered there without its hooks here does not compile.
 * Kept apart from the descriptors so the HTTP handler, which reads those, loads no façade code.
 */
import { adverityCli } from './adverity/cli.ts';
import { boltzCli } from './boltz/cli.ts';
import { miosaCli } from './miosa/cli.ts';
import { scenarioCli } from './scenario/cli.ts';
import { VENDOR_NAMES, type Vendor } from './vendors.ts';
import type { SideFlag, VendorCli } from './vendor-cli.ts';

// biome-ignore lint/suspicious/noExplicitAny: each vendor's hooks take its own façade type.
export const VENDOR_CLIS: { readonly [V in Vendor]: VendorCli<any> } = {
  boltz: boltzCli,
  miosa: miosaCli,
  scenario: scenarioCli,
  adverity: adverityCli,
};

/** The hooks of one vendor. */
export function cliOf(vendor: Vendor): VendorCli {
  return VENDOR_CLIS[vendor] as VendorCli;
}

/** Every vendor's side flags, once each by name, in registration order, with the vendors that read each. */
export function sideFlags(): { flag: SideFlag; vendors: Vendor[] }[] {
  const out = new Map<string, { flag: SideFlag; vendors: Vendor[] }>();
  for (const vendor of VENDOR_NAMES) {
    for (const flag of VENDOR_CLIS[vendor].flags) {
      const entry = out.get(flag.name) ?? { flag, vendors: [] };
      entry.vendors.push(vendor);
      out.set(flag.name, entry);
    }
  }
  return [...out.values()];
}
