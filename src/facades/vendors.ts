/**
 * The registered vendors: one line per façade folder. Everything that serves, reads or
 * describes the vendors (the HTTP handler, the CLI, the sample, the docs tables) iterates this
 * list, so a new vendor is its folder plus one line here.
 */
import { adverityVendor } from './adverity/vendor.ts';
import { boltzVendor } from './boltz/vendor.ts';
import { miosaVendor } from './miosa/vendor.ts';
import { scenarioVendor } from './scenario/vendor.ts';
import type { AuthScheme, VendorDescriptor } from './vendor.ts';

/** Every vendor, in the order they are reported and their sample streams are seeded. */
export const VENDORS = [boltzVendor, miosaVendor, scenarioVendor, adverityVendor] as const;

/** One registered vendor descriptor. */
export type Registered = (typeof VENDORS)[number];

/** A vendor's name: `'boltz' | 'miosa' | 'scenario' | 'adverity'`. */
export type Vendor = Registered['name'];

/** The vendors' names, in registration order. */
export const VENDOR_NAMES = VENDORS.map((v) => v.name) as readonly Vendor[];

/** The descriptor of a registered vendor. */
export function vendorOf<V extends Vendor>(name: V): Extract<Registered, { name: V }> {
  return VENDORS.find((v) => v.name === name) as Extract<Registered, { name: V }>;
}

/** Is `name` a registered vendor's name? */
export function isVendor(name: string): name is Vendor {
  return VENDORS.some((v) => v.name === name);
}

/** The façades a handler serves, by vendor, each in the shape its path calls. */
export type Facades = { [D in Registered as D['name']]?: NonNullable<D['facade']> };

/** The credentials one auth scheme is configured with. */
export type AuthConfigOf<S extends AuthScheme> = S extends { kind: 'api-key' }
  ? { apiKeys: string[] }
  : S extends { kind: 'basic' }
    ? { credentials: { key: string; secret: string }[] }
    : { tokens: Record<string, string | number> };

/** Credentials per vendor, in the form of its auth scheme. */
export type VendorAuthConfig = { [D in Registered as D['name']]?: AuthConfigOf<D['auth']> };

/** What the sample generates per vendor. */
export type VendorSample = { [D in Registered as D['name']]: ReturnType<D['sample']['generate']> };

export type { VendorDescriptor };
