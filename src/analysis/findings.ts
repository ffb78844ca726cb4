/**
 * @fileoverview What the engine tells the rules: the findings about an acquisition, a begun
 * transaction or a resource released twice. Types only.
 */
import type { DoubleRelease } from './double-release.js';
import type { AcquireSite, BeginSite } from './effects.js';
import type { LifetimeResult, Obligation } from './obligation.js';
import type { ForeignQuery } from './transaction-context.js';

export type { HeldCall } from './obligation.js';

/** What the engine found about a transaction begun on a handle. */
export type BeginFinding =
  | { readonly kind: 'onPool'; readonly site: BeginSite }
  | {
      readonly kind: 'tracked';
      readonly site: BeginSite;
      readonly obligation: Obligation;
      readonly result: LifetimeResult;
      /** Whether the handle is declared in the function (not a parameter or an outer variable). */
      readonly ownsHandle: boolean;
      /** Queries through a pool of the same library while the transaction is open. */
      readonly foreignQueries: readonly ForeignQuery[];
    };

/** The releases of one resource that can run after it was already given back. */
export interface DoubleReleases {
  readonly obligation: Obligation;
  readonly releases: readonly DoubleRelease[];
}

/** What the engine found about one acquisition. */
export type AcquireFinding =
  /** Never stored. */
  | { readonly kind: 'discarded'; readonly site: AcquireSite }
  /** Kept in a private field of a class that no member of the class gives back or hands on. */
  | { readonly kind: 'unreleasedField'; readonly site: AcquireSite; readonly field: string; readonly owner: string }
  /** Of a kind the code can never give back. */
  | { readonly kind: 'alwaysLeaks'; readonly site: AcquireSite }
  | {
      readonly kind: 'tracked';
      readonly site: AcquireSite;
      readonly obligation: Obligation;
      readonly result: LifetimeResult;
    };

