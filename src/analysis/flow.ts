import ts = require('typescript');
import { skipOuterExpressions } from './syntax.js';

/**
 * A forward dataflow walker over one function's TypeScript AST, with the edges ESLint's
 * code-path analysis does not have: every call, `new`, `await`, `yield` and tagged template
 * may throw to the nearest `catch`/`finally` or out of the function.
 *
 * The walker is structured rather than graph-based: it evaluates statements and expressions
 * in source evaluation order, carries one abstract state for normal flow, and records abrupt
 * completions (return, throw, break, continue) on a stack of contexts that intercept them:
 * `catch` blocks take throws, `finally` blocks and scopes take everything that leaves them and
 * re-dispatch it after running, loops take their breaks and continues. Loops are iterated to
 * a fixpoint. A `finally` block is walked once for normal completion and once for each kind of
 * abrupt completion that reaches it, which is exact for finite-height domains.
 *
 * What the state means is up to the {@link FlowDomain}. `undefined` always means "no path
 * reaches here".
 */

export type JumpKind = 'return' | 'throw' | 'break' | 'continue';
export type LeaveKind = JumpKind | 'normal';

export interface FlowDomain<S> {
  /** Least upper bound of two states that reach the same point. Must be commutative and idempotent. */
  join(a: S, b: S): S;
  equals(a: S, b: S): boolean;
  /**
   * The effect of evaluating `node` (an expression after its operands, a variable declaration
   * after its initializer, a `return`/`throw` statement after its operand, a function entry).
   * For calls it runs before the call's exception edge, so a release counts even if the call
   * throws; for `await` and `yield` it runs after, when they complete.
   */
  visit(node: ts.Node, state: S): S;
  /**
   * The state an abrupt completion carries, stamped with where it started. Also called when a
   * completion continues after a `finally` block, with the same origin, since jumps inside the
   * finally block may have changed the stamp.
   */
  jump(kind: JumpKind, origin: ts.Node, state: S): S;
  /** The state with which normal flow resumes after an abrupt completion was handled. */
  resume(kind: JumpKind, state: S): S;
  /** The state on the branch where `test` evaluated to `whenTrue`; `undefined` if impossible. */
  refine(test: ts.Expression, whenTrue: boolean, state: S): S | undefined;
  /** Whether the domain wants to observe control leaving this node (a block, loop, switch or function). */
  isScope(node: ts.Node): boolean;
  /**
   * Control leaves the scope `scope` by `kind`; `at` is the scope's closing token position
   * for normal completion. Returns the state that continues outside.
   */
  leave(scope: ts.Node, kind: LeaveKind, state: S): S | undefined;
  /** Whether evaluating `node` can throw. */
  mayThrow(node: ts.Node): boolean;
}

/** Thrown when the walker meets something it will not approximate; callers report nothing. */
export class UnsupportedFlowError extends Error {}

interface Pending<S> {
  kind: JumpKind;
  target: ts.Node | undefined;
  /**
   * Where the jumps of this kind and target started. Completions with equal states merge, but
   * each keeps its origin, so the exit each one leaves through is still named after a `finally`.
   */
  origins: ts.Node[];
  state: S;
}

type Context<S> =
  | {
      kind: 'intercept';
      catchesOnlyThrow: boolean;
      /**
       * Whether completions merge once there are many: only where each one costs a walk of a
       * `finally` block. A scope or the function only hands each on, so all stay apart there,
       * and each exit is still named.
       */
      bounded: boolean;
      pending: Pending<S>[];
    }
  | { kind: 'target'; node: ts.Node; breakState: S | undefined; continueState: S | undefined };

const MAX_LOOP_ITERATIONS = 32;
/** Past this many distinct completions at one finally block, they merge: same verdict, coarser exits. */
const MAX_PENDING = 16;

/**
 * Walks the body of `fn` from `entry` and returns the state at every exit the domain did not
 * absorb in {@link FlowDomain.leave}.
 */
export function walkFunction<S>(fn: ts.SignatureDeclaration, domain: FlowDomain<S>, entry: S): void {
  new Walker(domain).walkFunction(fn, entry);
}

/**
 * Walks only `scope` (a block, loop or switch inside a function) from `entry`. For facts about
 * a variable declared in that scope this is exact, since nothing outside it can create or use
 * the variable, and it keeps the cost proportional to the scope rather than to the function.
 * Completions that leave the scope go through {@link FlowDomain.leave} and then stop.
 */
export function walkScope<S>(scope: ts.Statement, domain: FlowDomain<S>, entry: S): void {
  new Walker(domain).walkScope(scope, entry);
}

class Walker<S> {
  private state: S | undefined;
  private readonly contexts: Context<S>[] = [];
  /** Skip states of optional chains (`a?.b()`), joined when the whole chain is evaluated. */
  private readonly chainSkips = new Map<ts.Node, S>();

  constructor(private readonly domain: FlowDomain<S>) {}

  walkFunction(fn: ts.SignatureDeclaration, entry: S): void {
    const body = (fn as ts.FunctionLikeDeclarationBase).body;
    if (!body) {
      return;
    }
    const intercept = this.pushIntercept(false);
    this.state = this.domain.visit(fn, entry);
    if (ts.isBlock(body)) {
      this.statement(body);
    } else {
      this.expression(body);
      if (this.state !== undefined) {
        this.dispatch('return', undefined, body, this.domain.jump('return', body, this.state));
        this.state = undefined;
      }
    }
    this.contexts.pop();
    if (this.domain.isScope(fn)) {
      if (this.state !== undefined) {
        this.domain.leave(fn, 'normal', this.state);
      }
      for (const pending of intercept.pending) {
        this.domain.leave(fn, pending.kind, pending.state);
      }
    }
  }

  walkScope(scope: ts.Statement, entry: S): void {
    this.pushIntercept(false);
    this.state = entry;
    this.statement(scope);
    this.contexts.pop();
  }

  // --- state helpers ---------------------------------------------------------------------

  private join(a: S | undefined, b: S | undefined): S | undefined {
    if (a === undefined) {
      return b;
    }
    return b === undefined ? a : this.domain.join(a, b);
  }

  private equal(a: S | undefined, b: S | undefined): boolean {
    if (a === undefined || b === undefined) {
      return a === b;
    }
    return this.domain.equals(a, b);
  }

  private visit(node: ts.Node): void {
    if (this.state !== undefined) {
      this.state = this.domain.visit(node, this.state);
    }
  }

  /** The exception edge of `node`: the current state flows to the nearest handler. */
  private raise(node: ts.Node): void {
    if (this.state !== undefined && this.domain.mayThrow(node)) {
      this.dispatch('throw', undefined, node, this.domain.jump('throw', node, this.state));
    }
  }

  private pushIntercept(catchesOnlyThrow: boolean, bounded = false): Extract<Context<S>, { kind: 'intercept' }> {
    const context = { kind: 'intercept' as const, catchesOnlyThrow, bounded, pending: [] as Pending<S>[] };
    this.contexts.push(context);
    return context;
  }

  private pushTarget(node: ts.Node): Extract<Context<S>, { kind: 'target' }> {
    const context = { kind: 'target' as const, node, breakState: undefined, continueState: undefined };
    this.contexts.push(context);
    return context;
  }

  /** Hands an abrupt completion to the innermost context, below `from`, that intercepts it. */
  private dispatch(
    kind: JumpKind,
    target: ts.Node | undefined,
    origin: ts.Node,
    state: S,
    from = this.contexts.length - 1,
  ): void {
    for (let index = from; index >= 0; index--) {
      const context = this.contexts[index]!;
      if (context.kind === 'intercept') {
        if (context.catchesOnlyThrow && kind !== 'throw') {
          continue;
        }
        // Completions with different states stay apart, so each still knows where it started
        // when it resumes after a finally block. Equal states merge (in most domains all the
        // uninteresting ones), which keeps the number of finally walks small.
        const crowded = context.bounded && context.pending.length >= MAX_PENDING;
        const existing = context.pending.find(
          (p) => p.kind === kind && p.target === target && (crowded || this.domain.equals(p.state, state)),
        );
        if (existing) {
          // Past the bound, unequal states merge into the first's exit: coarser names, same verdict.
          if (!existing.origins.includes(origin) && this.domain.equals(existing.state, state)) {
            existing.origins.push(origin);
          }
          existing.state = this.domain.join(existing.state, state);
        } else {
          context.pending.push({ kind, target, origins: [origin], state });
        }
        return;
      }
      if (context.node === target) {
        const resumed = this.domain.resume(kind, state);
        if (kind === 'break') {
          context.breakState = this.join(context.breakState, resumed);
        } else {
          context.continueState = this.join(context.continueState, resumed);
        }
        return;
      }
    }
  }

  /**
   * Runs `walk` inside a scope the domain observes: every completion leaving it passes
   * through {@link FlowDomain.leave} before continuing outward.
   */
  private scoped(scope: ts.Node, walk: () => void): void {
    if (!this.domain.isScope(scope)) {
      walk();
      return;
    }
    const intercept = this.pushIntercept(false);
    const depth = this.contexts.length - 1;
    walk();
    this.contexts.pop();
    if (this.state !== undefined) {
      this.state = this.domain.leave(scope, 'normal', this.state);
    }
    for (const pending of intercept.pending) {
      const left = this.domain.leave(scope, pending.kind, pending.state);
      if (left !== undefined) {
        for (const origin of pending.origins) {
          this.dispatch(pending.kind, pending.target, origin, left, depth - 1);
        }
      }
    }
  }

  // --- statements ------------------------------------------------------------------------

  private statement(node: ts.Statement): void {
    if (this.state === undefined) {
      return;
    }
    switch (node.kind) {
      case ts.SyntaxKind.Block:
        this.scoped(node, () => {
          for (const statement of (node as ts.Block).statements) {
            this.statement(statement);
          }
        });
        return;
      case ts.SyntaxKind.ExpressionStatement:
        this.expression((node as ts.ExpressionStatement).expression);
        return;
      case ts.SyntaxKind.VariableStatement:
        this.variableList((node as ts.VariableStatement).declarationList);
        return;
      case ts.SyntaxKind.ReturnStatement: {
        const statement = node as ts.ReturnStatement;
        this.expression(statement.expression);
        this.visit(statement);
        if (this.state !== undefined) {
          this.dispatch('return', undefined, statement, this.domain.jump('return', statement, this.state));
        }
        this.state = undefined;
        return;
      }
      case ts.SyntaxKind.ThrowStatement: {
        const statement = node as ts.ThrowStatement;
        this.expression(statement.expression);
        this.visit(statement);
        if (this.state !== undefined) {
          this.dispatch('throw', undefined, statement, this.domain.jump('throw', statement, this.state));
        }
        this.state = undefined;
        return;
      }
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement: {
        const statement = node as ts.BreakOrContinueStatement;
        const kind = node.kind === ts.SyntaxKind.BreakStatement ? 'break' : 'continue';
        const target = jumpTarget(statement);
        if (target === undefined) {
          throw new UnsupportedFlowError('jump target not found');
        }
        this.dispatch(kind, target, statement, this.domain.jump(kind, statement, this.state));
        this.state = undefined;
        return;
      }
      case ts.SyntaxKind.IfStatement: {
        const statement = node as ts.IfStatement;
        const branches = this.condition(statement.expression);
        this.state = branches.whenTrue;
        this.statement(statement.thenStatement);
        const afterThen = this.state;
        this.state = branches.whenFalse;
        if (statement.elseStatement) {
          this.statement(statement.elseStatement);
        }
        this.state = this.join(afterThen, this.state);
        return;
      }
      case ts.SyntaxKind.WhileStatement: {
        const statement = node as ts.WhileStatement;
        this.loop(statement, undefined, statement.expression, statement.statement, undefined, false);
        return;
      }
      case ts.SyntaxKind.DoStatement: {
        const statement = node as ts.DoStatement;
        this.loop(statement, undefined, statement.expression, statement.statement, undefined, true);
        return;
      }
      case ts.SyntaxKind.ForStatement: {
        const statement = node as ts.ForStatement;
        this.scoped(statement, () =>
          this.loop(statement, statement.initializer, statement.condition, statement.statement, statement.incrementor, false),
        );
        return;
      }
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement:
        this.scoped(node, () => this.forEachLoop(node as ts.ForOfStatement | ts.ForInStatement));
        return;
      case ts.SyntaxKind.SwitchStatement:
        this.switchStatement(node as ts.SwitchStatement);
        return;
      case ts.SyntaxKind.TryStatement:
        this.tryStatement(node as ts.TryStatement);
        return;
      case ts.SyntaxKind.LabeledStatement: {
        const statement = node as ts.LabeledStatement;
        if (isLoop(statement.statement) || ts.isLabeledStatement(statement.statement)) {
          this.statement(statement.statement);
          return;
        }
        // `label: { … break label; … }`: the labelled statement is the break target.
        const target = this.pushTarget(statement.statement);
        this.statement(statement.statement);
        this.contexts.pop();
        this.state = this.join(this.state, target.breakState);
        return;
      }
      case ts.SyntaxKind.WithStatement: {
        const statement = node as ts.WithStatement;
        this.expression(statement.expression);
        this.statement(statement.statement);
        return;
      }
      default:
        // Declarations (functions, classes, types, imports) and empty statements: no flow.
        return;
    }
  }

  private variableList(list: ts.VariableDeclarationList): void {
    for (const declaration of list.declarations) {
      this.expression(declaration.initializer);
      this.visit(declaration);
    }
  }

  /**
   * A loop with an optional initializer, test and update. `testFirst` is false for
   * `do … while`. Iterates the body until the state at the head is stable.
   */
  private loop(
    node: ts.IterationStatement,
    initializer: ts.ForInitializer | undefined,
    test: ts.Expression | undefined,
    body: ts.Statement,
    update: ts.Expression | undefined,
    bodyFirst: boolean,
  ): void {
    if (initializer) {
      if (ts.isVariableDeclarationList(initializer)) {
        this.variableList(initializer);
      } else {
        this.expression(initializer);
      }
    }
    const target = this.pushTarget(node);
    let head = this.state;
    let exit: S | undefined;
    for (let iteration = 0; ; iteration++) {
      if (iteration > MAX_LOOP_ITERATIONS) {
        throw new UnsupportedFlowError('loop did not stabilize');
      }
      this.state = head;
      if (!bodyFirst) {
        const branches = this.testBranches(test);
        exit = this.join(exit, branches.whenFalse);
        this.state = branches.whenTrue;
      }
      this.statement(body);
      this.state = this.join(this.state, target.continueState);
      if (bodyFirst) {
        const branches = this.testBranches(test);
        exit = this.join(exit, branches.whenFalse);
        this.state = branches.whenTrue;
      } else {
        this.expression(update);
      }
      const nextHead = this.join(head, this.state);
      if (this.equal(nextHead, head)) {
        break;
      }
      head = nextHead;
    }
    this.contexts.pop();
    this.state = this.join(exit, target.breakState);
  }

  private testBranches(test: ts.Expression | undefined): { whenTrue: S | undefined; whenFalse: S | undefined } {
    return test ? this.condition(test) : { whenTrue: this.state, whenFalse: undefined };
  }

  private forEachLoop(node: ts.ForOfStatement | ts.ForInStatement): void {
    this.expression(node.expression);
    const target = this.pushTarget(node);
    let head = this.state;
    let exit: S | undefined;
    for (let iteration = 0; ; iteration++) {
      if (iteration > MAX_LOOP_ITERATIONS) {
        throw new UnsupportedFlowError('loop did not stabilize');
      }
      this.state = head;
      // Each step of the iterator can throw (the domain decides: arrays cannot).
      if (ts.isForOfStatement(node)) {
        this.raise(node);
      }
      exit = this.join(exit, this.state);
      if (ts.isVariableDeclarationList(node.initializer)) {
        for (const declaration of node.initializer.declarations) {
          this.visit(declaration);
        }
      } else {
        this.expression(node.initializer);
      }
      this.statement(node.statement);
      this.state = this.join(this.state, target.continueState);
      const nextHead = this.join(head, this.state);
      if (this.equal(nextHead, head)) {
        break;
      }
      head = nextHead;
    }
    this.contexts.pop();
    this.state = this.join(exit, target.breakState);
  }

  private switchStatement(node: ts.SwitchStatement): void {
    this.expression(node.expression);
    const target = this.pushTarget(node);
    this.scoped(node, () => {
      // Case tests are evaluated in order until one matches; their states feed the bodies.
      const testStates: (S | undefined)[] = [];
      for (const clause of node.caseBlock.clauses) {
        if (ts.isCaseClause(clause)) {
          this.expression(clause.expression);
        }
        testStates.push(this.state);
      }
      const afterAllTests = this.state;
      const hasDefault = node.caseBlock.clauses.some((clause) => ts.isDefaultClause(clause));
      let fallthrough: S | undefined;
      node.caseBlock.clauses.forEach((clause, index) => {
        this.state = this.join(fallthrough, ts.isDefaultClause(clause) ? afterAllTests : testStates[index]);
        for (const statement of clause.statements) {
          this.statement(statement);
        }
        fallthrough = this.state;
      });
      this.state = this.join(fallthrough, hasDefault ? undefined : afterAllTests);
    });
    this.contexts.pop();
    this.state = this.join(this.state, target.breakState);
  }

  private tryStatement(node: ts.TryStatement): void {
    const finallyContext = node.finallyBlock ? this.pushIntercept(false, true) : undefined;
    if (node.catchClause) {
      const catchContext = this.pushIntercept(true);
      this.statement(node.tryBlock);
      this.contexts.pop();
      const afterTry = this.state;
      let thrown: S | undefined;
      for (const pending of catchContext.pending) {
        thrown = this.join(thrown, pending.state);
      }
      this.state = thrown === undefined ? undefined : this.domain.resume('throw', thrown);
      if (node.catchClause.variableDeclaration) {
        this.visit(node.catchClause.variableDeclaration);
      }
      this.statement(node.catchClause.block);
      this.state = this.join(afterTry, this.state);
    } else {
      this.statement(node.tryBlock);
    }
    if (!finallyContext || !node.finallyBlock) {
      return;
    }
    this.contexts.pop();
    const depth = this.contexts.length - 1;
    // Normal completion first, then each abrupt completion that the finally block intercepted.
    this.statement(node.finallyBlock);
    const afterNormal = this.state;
    for (const pending of finallyContext.pending) {
      this.state = pending.state;
      this.statement(node.finallyBlock);
      if (this.state !== undefined) {
        // The jump resumes; a state changed inside the finally block still leaves through it.
        for (const origin of pending.origins) {
          const resumed = this.domain.jump(pending.kind, origin, this.state);
          this.dispatch(pending.kind, pending.target, origin, resumed, depth);
        }
      }
    }
    this.state = afterNormal;
  }

  // --- expressions -----------------------------------------------------------------------

  /**
   * Evaluates a boolean test with short-circuit and narrowing, returning the state on each
   * branch.
   */
  private condition(test: ts.Expression): { whenTrue: S | undefined; whenFalse: S | undefined } {
    if (this.state === undefined) {
      return { whenTrue: undefined, whenFalse: undefined };
    }
    const inner = skipOuterExpressions(test);
    if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken) {
      const branches = this.condition(inner.operand);
      return { whenTrue: branches.whenFalse, whenFalse: branches.whenTrue };
    }
    if (ts.isBinaryExpression(inner)) {
      const operator = inner.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken) {
        const left = this.condition(inner.left);
        this.state = left.whenTrue;
        const right = this.condition(inner.right);
        return { whenTrue: right.whenTrue, whenFalse: this.join(left.whenFalse, right.whenFalse) };
      }
      if (operator === ts.SyntaxKind.BarBarToken) {
        const left = this.condition(inner.left);
        this.state = left.whenFalse;
        const right = this.condition(inner.right);
        return { whenTrue: this.join(left.whenTrue, right.whenTrue), whenFalse: right.whenFalse };
      }
    }
    if (inner.kind === ts.SyntaxKind.TrueKeyword) {
      return { whenTrue: this.state, whenFalse: undefined };
    }
    if (inner.kind === ts.SyntaxKind.FalseKeyword) {
      return { whenTrue: undefined, whenFalse: this.state };
    }
    this.expression(test);
    const state = this.state;
    if (state === undefined) {
      return { whenTrue: undefined, whenFalse: undefined };
    }
    return { whenTrue: this.domain.refine(inner, true, state), whenFalse: this.domain.refine(inner, false, state) };
  }

  private expression(node: ts.Expression | undefined): void {
    if (node === undefined || this.state === undefined) {
      return;
    }
    switch (node.kind) {
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.ClassExpression:
        // A function is a value here; its body runs when (and if) it is called.
        break;
      case ts.SyntaxKind.CallExpression: {
        const call = node as ts.CallExpression;
        this.callee(call.expression);
        this.optionalLink(call, call.expression);
        for (const argument of call.arguments) {
          this.expression(argument);
        }
        this.visit(call);
        this.raise(call);
        this.endOfChain(call);
        return;
      }
      case ts.SyntaxKind.NewExpression: {
        const expression = node as ts.NewExpression;
        this.expression(expression.expression);
        for (const argument of expression.arguments ?? []) {
          this.expression(argument);
        }
        this.visit(expression);
        this.raise(expression);
        return;
      }
      case ts.SyntaxKind.TaggedTemplateExpression: {
        const tagged = node as ts.TaggedTemplateExpression;
        this.callee(tagged.tag);
        if (ts.isTemplateExpression(tagged.template)) {
          for (const span of tagged.template.templateSpans) {
            this.expression(span.expression);
          }
        }
        this.visit(tagged);
        this.raise(tagged);
        return;
      }
      case ts.SyntaxKind.AwaitExpression:
      case ts.SyntaxKind.YieldExpression:
        // Unlike a call, an await has its effect only when it completes: the rejection edge
        // comes first.
        this.expression((node as ts.AwaitExpression | ts.YieldExpression).expression);
        this.raise(node);
        this.visit(node);
        return;
      case ts.SyntaxKind.PropertyAccessExpression: {
        const access = node as ts.PropertyAccessExpression;
        this.expression(access.expression);
        this.optionalLink(access, access.expression);
        this.visit(access);
        this.endOfChain(access);
        return;
      }
      case ts.SyntaxKind.ElementAccessExpression: {
        const access = node as ts.ElementAccessExpression;
        this.expression(access.expression);
        this.optionalLink(access, access.expression);
        this.expression(access.argumentExpression);
        this.visit(access);
        this.endOfChain(access);
        return;
      }
      case ts.SyntaxKind.BinaryExpression:
        this.binary(node as ts.BinaryExpression);
        return;
      case ts.SyntaxKind.ConditionalExpression: {
        const conditional = node as ts.ConditionalExpression;
        const branches = this.condition(conditional.condition);
        this.state = branches.whenTrue;
        this.expression(conditional.whenTrue);
        const afterTrue = this.state;
        this.state = branches.whenFalse;
        this.expression(conditional.whenFalse);
        this.state = this.join(afterTrue, this.state);
        break;
      }
      case ts.SyntaxKind.ObjectLiteralExpression:
        for (const property of (node as ts.ObjectLiteralExpression).properties) {
          if (property.name && ts.isComputedPropertyName(property.name)) {
            this.expression(property.name.expression);
          }
          if (ts.isPropertyAssignment(property)) {
            this.expression(property.initializer);
          } else if (ts.isSpreadAssignment(property)) {
            this.expression(property.expression);
          }
          this.visit(property);
        }
        break;
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.SatisfiesExpression:
      case ts.SyntaxKind.TypeAssertionExpression:
      case ts.SyntaxKind.SpreadElement:
      case ts.SyntaxKind.TypeOfExpression:
      case ts.SyntaxKind.VoidExpression:
      case ts.SyntaxKind.DeleteExpression:
        this.expression((node as ts.ParenthesizedExpression).expression);
        if (ts.isNonNullExpression(node)) {
          this.endOfChain(node);
        }
        break;
      case ts.SyntaxKind.PrefixUnaryExpression:
      case ts.SyntaxKind.PostfixUnaryExpression:
        this.expression((node as ts.PrefixUnaryExpression).operand);
        break;
      default:
        // Array literals, templates, JSX and anything newer: operands in source order.
        this.operands(node);
        break;
    }
    this.visit(node);
  }

  private operands(node: ts.Node): void {
    ts.forEachChild(node, (child) => {
      if (ts.isFunctionLike(child) || ts.isClassLike(child) || ts.isTypeNode(child)) {
        return;
      }
      if (ts.isExpression(child)) {
        this.expression(child);
      } else {
        this.operands(child);
      }
    });
  }

  /** The callee of a call: evaluates the receiver, not the method name. */
  private callee(callee: ts.Expression): void {
    if (ts.isPropertyAccessExpression(callee)) {
      this.expression(callee.expression);
      this.optionalLink(callee, callee.expression);
      return;
    }
    if (ts.isElementAccessExpression(callee)) {
      this.expression(callee.expression);
      this.optionalLink(callee, callee.expression);
      this.expression(callee.argumentExpression);
      return;
    }
    this.expression(callee);
  }

  /**
   * At `a?.`: the rest of the chain is skipped when `a` is nullish. The skip state joins the
   * normal state where the whole chain ends.
   */
  private optionalLink(node: ts.Node, object: ts.Expression): void {
    if (this.state === undefined || !(node as ts.PropertyAccessExpression).questionDotToken) {
      return;
    }
    const skipped = this.domain.refine(skipOuterExpressions(object), false, this.state);
    if (skipped === undefined) {
      return;
    }
    const end = chainEnd(node);
    const existing = this.chainSkips.get(end);
    this.chainSkips.set(end, existing === undefined ? skipped : this.domain.join(existing, skipped));
  }

  private endOfChain(node: ts.Node): void {
    const skipped = this.chainSkips.get(node);
    if (skipped !== undefined) {
      this.chainSkips.delete(node);
      this.state = this.join(this.state, skipped);
    }
  }

  private binary(node: ts.BinaryExpression): void {
    const operator = node.operatorToken.kind;
    switch (operator) {
      case ts.SyntaxKind.AmpersandAmpersandToken:
      case ts.SyntaxKind.BarBarToken: {
        const branches = this.condition(node.left);
        const shortCircuit = operator === ts.SyntaxKind.AmpersandAmpersandToken ? branches.whenFalse : branches.whenTrue;
        this.state = operator === ts.SyntaxKind.AmpersandAmpersandToken ? branches.whenTrue : branches.whenFalse;
        this.expression(node.right);
        this.state = this.join(shortCircuit, this.state);
        break;
      }
      case ts.SyntaxKind.QuestionQuestionToken: {
        // The right operand runs only when the left is nullish, hence falsy (`runner ?? create()`
        // is then tested as `if (!runner)`); a non-nullish left may still be falsy (`0`, `''`).
        const branches = this.condition(node.left);
        const shortCircuit = this.join(branches.whenTrue, branches.whenFalse);
        this.state = branches.whenFalse;
        this.expression(node.right);
        this.state = this.join(shortCircuit, this.state);
        break;
      }
      case ts.SyntaxKind.AmpersandAmpersandEqualsToken:
      case ts.SyntaxKind.BarBarEqualsToken:
      case ts.SyntaxKind.QuestionQuestionEqualsToken: {
        this.assignmentTarget(node.left);
        this.expression(node.left);
        const shortCircuit = this.state;
        this.expression(node.right);
        this.state = this.join(shortCircuit, this.state);
        break;
      }
      default:
        if (isAssignmentOperator(operator)) {
          this.assignmentTarget(node.left);
          this.expression(node.right);
        } else {
          this.expression(node.left);
          this.expression(node.right);
        }
        break;
    }
    this.visit(node);
  }

  /** The parts of an assignment target that are evaluated before the right-hand side. */
  private assignmentTarget(target: ts.Expression): void {
    const inner = skipOuterExpressions(target);
    if (ts.isPropertyAccessExpression(inner)) {
      this.expression(inner.expression);
    } else if (ts.isElementAccessExpression(inner)) {
      this.expression(inner.expression);
      this.expression(inner.argumentExpression);
    }
  }
}

// --- syntax helpers --------------------------------------------------------------------

function isLoop(node: ts.Node): node is ts.IterationStatement {
  return (
    ts.isForStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isForInStatement(node) ||
    ts.isWhileStatement(node) ||
    ts.isDoStatement(node)
  );
}

/** The loop or switch a `break`/`continue` goes to, or the labelled statement for `break label`. */
export function jumpTarget(statement: ts.BreakOrContinueStatement): ts.Node | undefined {
  const isBreak = statement.kind === ts.SyntaxKind.BreakStatement;
  for (let node: ts.Node = statement.parent; node && !ts.isFunctionLike(node); node = node.parent) {
    if (statement.label) {
      if (ts.isLabeledStatement(node) && node.label.text === statement.label.text) {
        let labelled: ts.Node = node.statement;
        while (ts.isLabeledStatement(labelled)) {
          labelled = labelled.statement;
        }
        return labelled;
      }
    } else if (isLoop(node) || (isBreak && ts.isSwitchStatement(node))) {
      return node;
    }
  }
  return undefined;
}

function chainEnd(node: ts.Node): ts.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    const continuesChain =
      (ts.isPropertyAccessExpression(parent) ||
        ts.isElementAccessExpression(parent) ||
        ts.isCallExpression(parent) ||
        ts.isNonNullExpression(parent)) &&
      parent.expression === current &&
      (parent.flags & ts.NodeFlags.OptionalChain) !== 0;
    if (!continuesChain) {
      return current;
    }
    current = parent;
  }
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}
