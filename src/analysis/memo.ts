/**
 * @fileoverview The one way the engine caches: results kept per object key (a node, a symbol,
 * an obligation), in a `WeakMap`, so they go when the program that owns the key goes.
 */

/** Stands for a kept `undefined`, so that a miss is one lookup and a kept answer no extra object. */
const NOTHING = Symbol('nothing');

/** `compute` with its result kept for each key, `undefined` results included. */
export function cachedFn<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V | typeof NOTHING>();
  return (key) => {
    const hit = cache.get(key);
    if (hit === undefined) {
      const value = compute(key);
      // Not `??`: a kept `null` stays `null`.
      if (value === undefined) {
        cache.set(key, NOTHING);
      } else {
        cache.set(key, value);
      }
      return value;
    }
    return hit === NOTHING ? (undefined as V) : hit;
  };
}

/**
 * `compute` with its result kept for each key and variant (a question's options, by a string or
 * number). Nearly every key is asked with one variant only, so the first is kept inline and a
 * map made only for a second.
 */
export function cachedByVariant<K extends object, P extends string | number, V>(compute: (key: K, variant: P) => V): (key: K, variant: P) => V {
  const cache = new WeakMap<K, { readonly variant: P; readonly value: V; others?: Map<P, V> }>();
  return (key, variant) => {
    const first = cache.get(key);
    if (!first) {
      const value = compute(key, variant);
      cache.set(key, { variant, value });
      return value;
    }
    if (first.variant === variant) {
      return first.value;
    }
    first.others ??= new Map();
    if (!first.others.has(variant)) {
      first.others.set(variant, compute(key, variant));
    }
    return first.others.get(variant)!;
  };
}
