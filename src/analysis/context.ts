/**
 * @fileoverview What a part of the engine may ask of the rest: the narrow seam between them.
 *
 * Each part (the lifetime walk, the summaries, the pools, the network chains) takes this
 * instead of the whole engine, so none of them imports another's facade and the engine is the
 * only place that wires them together.
 */
import type ts from 'typescript';

import type { Effects } from './effects.js';
import type { Exceptions } from './exceptions.js';
import type { Obligation, ParameterFate } from './obligation.js';
import type { OwningClasses } from './owning-classes.js';
import type { Roles } from './roles.js';

export interface AnalysisContext {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  /** Type → role: pools, handles, modelled resources. */
  readonly roles: Roles;
  /** Call → effect: acquisitions, begins, managed transactions, wrappers. */
  readonly effects: Effects;
  /** Which evaluations can throw. */
  readonly exceptions: Exceptions;
  /** The project's classes that own a resource, or borrow one, as their bodies show. */
  readonly owningClasses: OwningClasses;
  symbolOf(identifier: ts.Identifier): ts.Symbol | undefined;
  /** What the function a call invokes does with the resource passed as argument `index` (a cross-function summary). */
  parameterFate(call: ts.CallExpression | ts.NewExpression, index: number, obligation: Obligation): ParameterFate;
}
